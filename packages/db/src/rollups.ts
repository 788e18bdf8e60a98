import { toRollupJson, type TIpDayRollup } from "@mlsec/core/rollup";
import { getDb } from "./client.ts";
import { openRollupWriter } from "./rollup-writer.ts";

/**
 * Writes one upload content's rollups. Rows are keyed by (tenant, sourceKey, day, ip) and a write
 * overwrites rather than adds, so a retried, crashed or duplicated ingest of the same bytes leaves
 * exactly the rows one ingest would. (The ingest stage streams through `openRollupWriter` itself.)
 */
export async function replaceRollups(opts: { tenantId: string; sourceKey: string; rollups: TIpDayRollup[] }) {
  const writer = await openRollupWriter({ tenantId: opts.tenantId, sourceKey: opts.sourceKey });
  try {
    await writer.write(opts.rollups.map(toRollupJson));
  } finally {
    await writer.close();
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
  let after: TRawRollup | undefined;
  for (;;) {
    // Keyset paging with a row-value comparison: PostgreSQL answers it as one primary-key index
    // range scan per page (about 50 ms per 5,000 rows measured), where Prisma's OR-of-conditions
    // form made it rescan the tenant's whole range for every page (bench/rank-postgres.ts).
    const { sql, params } = rollupPageQuery({ ...opts, pageSize }, after);
    const rows = await db.$queryRawUnsafe<TRawRollup[]>(sql, ...params);
    for (const r of rows) {
      const rollup: TIpDayRollup = {
        day: r.day,
        ip: r.ip,
        events: r.events,
        distinctPorts: r.distinctPorts,
        ports: r.ports,
        blockedPorts: r.blockedPorts,
        protocols: r.protocols,
        actions: r.actions,
        firstSeen: r.firstSeen,
        lastSeen: r.lastSeen,
      };
      yield { sourceKey: r.sourceKey, rollup };
    }
    const last = rows.at(-1);
    if (!last || rows.length < pageSize) return;
    after = last;
  }
}

/**
 * One page of readRollups: its SQL and parameters (exported so the partition test EXPLAINs the very
 * statement). A day range prunes it to that range's monthly partitions.
 */
export function rollupPageQuery(
  opts: { tenantId: string; sourceKey?: string; from?: string; before?: string; pageSize: number },
  after?: { sourceKey: string; day: string; ip: string },
): { sql: string; params: unknown[] } {
  // Keyset paging with a row-value comparison: PostgreSQL answers it as one primary-key index
  // range scan per page (about 50 ms per 5,000 rows measured), where Prisma's OR-of-conditions
  // form made it rescan the tenant's whole range for every page (bench/rank-postgres.ts).
  const params: unknown[] = [opts.tenantId];
  const where = ['"tenantId" = $1'];
  if (opts.sourceKey !== undefined) where.push(`"sourceKey" = $${params.push(opts.sourceKey)}`);
  if (opts.from) where.push(`"day" >= $${params.push(opts.from)}::date`);
  if (opts.before) where.push(`"day" < $${params.push(opts.before)}::date`);
  if (after) {
    const [k, d, ip] = [params.push(after.sourceKey), params.push(after.day), params.push(after.ip)];
    where.push(`("sourceKey", "day", "ip") > ($${k}, $${d}::date, $${ip})`);
  }
  const sql = `SELECT "sourceKey", to_char("day", 'YYYY-MM-DD') AS "day", "ip", "events", "distinctPorts",
            "ports", "blockedPorts", "protocols", "actions",
            to_char("firstSeen", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "firstSeen",
            to_char("lastSeen", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "lastSeen"
       FROM "IpDayRollup" WHERE ${where.join(" AND ")}
      ORDER BY "tenantId", "sourceKey", "day", "ip" LIMIT ${opts.pageSize}`;
  return { sql, params };
}

type TRawRollup = {
  sourceKey: string;
  day: string;
  ip: string;
  events: number;
  distinctPorts: number;
  ports: Record<string, number>;
  blockedPorts: Record<string, number>;
  protocols: Record<string, number>;
  actions: TIpDayRollup["actions"];
  firstSeen: string;
  lastSeen: string;
};

export async function countRollups(opts: { tenantId: string; sourceKey?: string }) {
  return getDb().ipDayRollup.count({
    where: { tenantId: opts.tenantId, ...(opts.sourceKey ? { sourceKey: opts.sourceKey } : {}) },
  });
}
