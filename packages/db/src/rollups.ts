import type { TIpDayRollup } from "@mlsec/core/rollup/ip-day-rollup";
import { getDb } from "./client.ts";

const BATCH = 2000;

/**
 * Writes one upload content's rollups. Rows are keyed by (tenant, sourceKey, day, ip) and a write
 * overwrites rather than adds, so a retried, crashed or duplicated ingest of the same bytes leaves
 * exactly the rows one ingest would.
 */
export async function replaceRollups(opts: { tenantId: string; sourceKey: string; rollups: TIpDayRollup[] }) {
  const db = getDb();
  for (let i = 0; i < opts.rollups.length; i += BATCH) {
    const batch = opts.rollups.slice(i, i + BATCH);
    await db.$executeRawUnsafe(
      `INSERT INTO "IpDayRollup" ("tenantId","sourceKey","day","ip","events","distinctPorts","ports","blockedPorts","protocols","actions","firstSeen","lastSeen")
       SELECT $1, $2, t.d::date, t.ip, t.ev, t.dp, t.p::jsonb, t.bp::jsonb, t.pr::jsonb, t.ac::jsonb,
              (t.fs::timestamptz AT TIME ZONE 'UTC'), (t.ls::timestamptz AT TIME ZONE 'UTC')
       FROM unnest($3::text[], $4::text[], $5::int[], $6::int[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[])
         AS t(d, ip, ev, dp, p, bp, pr, ac, fs, ls)
       ON CONFLICT ("tenantId","sourceKey","day","ip") DO UPDATE SET
         "events" = EXCLUDED."events", "distinctPorts" = EXCLUDED."distinctPorts", "ports" = EXCLUDED."ports",
         "blockedPorts" = EXCLUDED."blockedPorts", "protocols" = EXCLUDED."protocols", "actions" = EXCLUDED."actions",
         "firstSeen" = EXCLUDED."firstSeen", "lastSeen" = EXCLUDED."lastSeen"`,
      opts.tenantId,
      opts.sourceKey,
      batch.map((r) => r.day),
      batch.map((r) => r.ip),
      batch.map((r) => r.events),
      batch.map((r) => r.distinctPorts),
      batch.map((r) => JSON.stringify(r.ports)),
      batch.map((r) => JSON.stringify(r.blockedPorts)),
      batch.map((r) => JSON.stringify(r.protocols)),
      batch.map((r) => JSON.stringify(r.actions)),
      batch.map((r) => r.firstSeen),
      batch.map((r) => r.lastSeen),
    );
  }
}

/** Drops what a source wrote before, for an ingest that starts over with a changed parser. */
export async function deleteRollupsOfSource(opts: { tenantId: string; sourceKey: string }) {
  await getDb().ipDayRollup.deleteMany({ where: { tenantId: opts.tenantId, sourceKey: opts.sourceKey } });
}

/**
 * The tenant's rollups per (source, day, ip), from `from` (inclusive) to `before` (exclusive), in
 * pages so memory follows the page size rather than the table. Merging across sources is the
 * caller's (packages/core mergeRollups), so the rules for combining port sets live in one place.
 */
export async function* readRollups(opts: {
  tenantId: string;
  /** Only one upload content's rows (its SHA-256), e.g. for that upload's own report. */
  sourceKey?: string;
  from?: string;
  before?: string;
  pageSize?: number;
}) {
  const db = getDb();
  const pageSize = opts.pageSize ?? 5000;
  let after: { sourceKey: string; day: Date; ip: string } | undefined;
  const day = {
    ...(opts.from ? { gte: new Date(`${opts.from}T00:00:00Z`) } : {}),
    ...(opts.before ? { lt: new Date(`${opts.before}T00:00:00Z`) } : {}),
  };
  for (;;) {
    // Keyset paging on the primary key's order: stable under concurrent inserts, unlike OFFSET.
    const rows = await db.ipDayRollup.findMany({
      where: {
        tenantId: opts.tenantId,
        ...(opts.sourceKey !== undefined ? { sourceKey: opts.sourceKey } : {}),
        ...(opts.from || opts.before ? { day } : {}),
        ...(after ? { OR: keysetAfter(after) } : {}),
      },
      orderBy: [{ sourceKey: "asc" }, { day: "asc" }, { ip: "asc" }],
      take: pageSize,
    });
    for (const r of rows) {
      const rollup: TIpDayRollup = {
        day: r.day.toISOString().slice(0, 10),
        ip: r.ip,
        events: r.events,
        distinctPorts: r.distinctPorts,
        ports: r.ports as Record<string, number>,
        blockedPorts: r.blockedPorts as Record<string, number>,
        protocols: r.protocols as Record<string, number>,
        actions: r.actions as TIpDayRollup["actions"],
        firstSeen: r.firstSeen.toISOString(),
        lastSeen: r.lastSeen.toISOString(),
      };
      yield { sourceKey: r.sourceKey, rollup };
    }
    const last = rows.at(-1);
    if (!last || rows.length < pageSize) return;
    after = { sourceKey: last.sourceKey, day: last.day, ip: last.ip };
  }
}

export async function countRollups(opts: { tenantId: string; sourceKey?: string }) {
  return getDb().ipDayRollup.count({
    where: { tenantId: opts.tenantId, ...(opts.sourceKey ? { sourceKey: opts.sourceKey } : {}) },
  });
}

const keysetAfter = (k: { sourceKey: string; day: Date; ip: string }) => [
  { sourceKey: { gt: k.sourceKey } },
  { sourceKey: k.sourceKey, day: { gt: k.day } },
  { sourceKey: k.sourceKey, day: k.day, ip: { gt: k.ip } },
];
