import { dayStart, utcDay } from "@mlsec/core/day";
import pg from "pg";
import { loadDbEnv } from "@mlsec/config";

/**
 * IpDayRollup's monthly range partitions on "day" (migration 20261218080000_rollup_partitions; the
 * grain is explained there). Partitions are plain tables named IpDayRollup_YYYY_MM, beside the
 * DEFAULT partition IpDayRollup_default that catches a row of a month without one. This module is
 * the only code that creates or drops them: the rollup writer before it writes into a month, the
 * maintenance job ahead of time and when DEFAULT holds rows, retention for months wholly expired.
 * Everything runs as the table owner (DDL needs it), never behind the tenant wall.
 */

export const DEFAULT_PARTITION = "IpDayRollup_default";
/** Months the maintenance job keeps created ahead of the current one. */
export const MONTHS_AHEAD = 3;
// Serialises partition DDL between every process that makes or drops one.
const DDL_LOCK = "IpDayRollup partitions";
// Dropping a partition needs an ACCESS EXCLUSIVE lock on the parent, and every query on the table
// queues behind a waiting one: give up quickly and let the next run try again.
const DROP_LOCK_TIMEOUT = "3s";

const MONTH = /^(\d{4})-(\d{2})/;

/** The first day of the month of a "YYYY-MM-DD" day (or any ISO text starting so), as "YYYY-MM-01". */
export function monthOf(day: string): string {
  const m = MONTH.exec(day);
  if (!m) throw new Error(`not a day: ${day}`);
  return `${m[1]}-${m[2]}-01`;
}

/** The month after `month` ("YYYY-MM-01"). */
export function nextMonth(month: string): string {
  const d = dayStart(monthOf(month));
  d.setUTCMonth(d.getUTCMonth() + 1);
  return utcDay(d);
}

/** The partition that holds `month`'s rows. */
export function partitionName(month: string): string {
  return `IpDayRollup_${monthOf(month).slice(0, 7).replace("-", "_")}`;
}

export type TRollupPartition = { name: string; from: string; to: string };

type TClient = pg.ClientBase;

/** A dedicated connection (as the rollup writer's), for DDL outside Prisma's pool. */
export async function withPartitionClient<T>(fn: (c: TClient) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: loadDbEnv().DATABASE_URL });
  client.on("error", () => undefined);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function inTransaction<T>(c: TClient, fn: () => Promise<T>): Promise<T> {
  await c.query("BEGIN");
  try {
    const out = await fn();
    await c.query("COMMIT");
    return out;
  } catch (err) {
    await c.query("ROLLBACK").catch(() => undefined);
    throw err;
  }
}

/** The monthly partitions that exist, oldest first (DEFAULT not among them). */
export async function listRollupPartitions(c: TClient): Promise<TRollupPartition[]> {
  const rows = await c.query<{ name: string; bound: string }>(
    `SELECT ch.relname AS name, pg_get_expr(ch.relpartbound, ch.oid) AS bound
       FROM pg_inherits i JOIN pg_class ch ON ch.oid = i.inhrelid
      WHERE i.inhparent = '"IpDayRollup"'::regclass`,
  );
  const out: TRollupPartition[] = [];
  for (const r of rows.rows) {
    const m = /FROM \('(\d{4}-\d{2}-\d{2})'\) TO \('(\d{4}-\d{2}-\d{2})'\)/.exec(r.bound);
    if (m?.[1] && m[2]) out.push({ name: r.name, from: m[1], to: m[2] });
  }
  return out.sort((a, b) => a.from.localeCompare(b.from));
}

/**
 * Makes `month`'s partition if it is missing, moving any of its rows out of DEFAULT into it, and
 * returns what it did. Idempotent and safe to race (one process at a time under an advisory lock).
 *
 * The partition is made as a plain table and then attached, not with CREATE TABLE ... PARTITION OF:
 * that form locks the whole table ACCESS EXCLUSIVE (every reader and writer waits), where ATTACH
 * takes SHARE UPDATE EXCLUSIVE on the parent (reads and writes go on) and ACCESS EXCLUSIVE only on
 * DEFAULT, which it must check holds no row of the month. Taking that lock first means the move
 * below sees every row committed there, so the check cannot fail.
 */
export async function ensureRollupPartition(
  c: TClient,
  month: string,
): Promise<{ created: boolean; moved: number }> {
  const from = monthOf(month);
  const to = nextMonth(from);
  const name = partitionName(from);
  return inTransaction(c, async () => {
    await c.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [DDL_LOCK]);
    const exists = await c.query<{ r: string | null }>("SELECT to_regclass($1)::text AS r", [`"${name}"`]);
    if (exists.rows[0]?.r !== null) return { created: false, moved: 0 };
    await c.query(`LOCK TABLE "${DEFAULT_PARTITION}" IN ACCESS EXCLUSIVE MODE`);
    await c.query(`CREATE TABLE "${name}" (LIKE "IpDayRollup" INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`);
    const moved = await c.query(
      `WITH moved AS (DELETE FROM "${DEFAULT_PARTITION}" WHERE "day" >= $1::date AND "day" < $2::date RETURNING *)
       INSERT INTO "${name}" SELECT * FROM moved`,
      [from, to],
    );
    await c.query(
      `ALTER TABLE "IpDayRollup" ATTACH PARTITION "${name}" FOR VALUES FROM ('${from}') TO ('${to}')`,
    );
    return { created: true, moved: moved.rowCount ?? 0 };
  });
}

/**
 * The maintenance job's part: partitions for the month of `today` and MONTHS_AHEAD after it, and
 * for every month DEFAULT holds rows of (a write that went around the rollup writer, or one that
 * raced a drop), so no row stays in DEFAULT beyond a day. Then planner statistics for the whole
 * table: autovacuum analyzes each partition but never the partitioned parent itself.
 */
export async function maintainRollupPartitions(opts: {
  today: string;
  monthsAhead?: number;
}): Promise<{ created: string[]; movedFromDefault: number }> {
  return withPartitionClient(async (c) => {
    const months = new Set<string>();
    let m = monthOf(opts.today);
    for (let i = 0; i <= (opts.monthsAhead ?? MONTHS_AHEAD); i++, m = nextMonth(m)) months.add(m);
    const stray = await c.query<{ month: string }>(
      `SELECT DISTINCT to_char(date_trunc('month', "day"), 'YYYY-MM-DD') AS month FROM "${DEFAULT_PARTITION}"`,
    );
    for (const r of stray.rows) months.add(r.month);
    const created: string[] = [];
    let movedFromDefault = 0;
    for (const month of [...months].sort()) {
      const r = await ensureRollupPartition(c, month);
      if (r.created) created.push(partitionName(month));
      movedFromDefault += r.moved;
    }
    await c.query(`ANALYZE "IpDayRollup"`);
    return { created, movedFromDefault };
  });
}

/**
 * Rows of the partition a tenant still keeps: rows of a tenant without a retention period, or on
 * or after its cut (`asOf` minus its retention days, as packages/pipeline retentionCutDay). A loose
 * index scan over the partition's tenants, so the cost follows the tenants in it, not its rows.
 * Rows of a tenant that no longer exists keep nothing (deleteTenant removes them anyway).
 */
const KEPT_TENANTS = (part: string) =>
  `WITH RECURSIVE t(id) AS (
     SELECT min("tenantId") FROM "${part}"
     UNION ALL
     SELECT (SELECT min("tenantId") FROM "${part}" WHERE "tenantId" > t.id) FROM t WHERE t.id IS NOT NULL
   )
   SELECT count(*)::int AS n FROM t JOIN "Tenant" tn ON tn."id" = t.id
    WHERE tn."retentionDays" IS NULL
       OR (SELECT max(r."day") FROM "${part}" r WHERE r."tenantId" = t.id) >= $1::date - tn."retentionDays"`;

/**
 * Retention's whole-partition step: drops every monthly partition all of whose rows are before
 * their tenant's retention cut as of `asOf`, and returns the rows dropped per tenant (for each
 * tenant's audit record). A partition that still holds a kept row stays: its expired rows go by the
 * per-tenant bounded DELETE as before. The check runs twice, the second time under the parent's
 * ACCESS EXCLUSIVE lock, so a row written into the month in between is never dropped; a lock not
 * had within DROP_LOCK_TIMEOUT skips the partition until the next run.
 */
export async function dropExpiredRollupPartitions(opts: {
  asOf: string;
}): Promise<{ dropped: string[]; rowsByTenant: Map<string, number>; skipped: string[] }> {
  return withPartitionClient(async (c) => {
    // No partition ending after the latest cut of any tenant can have expired: skip those unread.
    const latest = await c.query<{ d: string | null }>(
      `SELECT to_char($1::date - min("retentionDays"), 'YYYY-MM-DD') AS d FROM "Tenant"`,
      [opts.asOf],
    );
    const limit = latest.rows[0]?.d ?? "";
    const dropped: string[] = [];
    const skipped: string[] = [];
    const rowsByTenant = new Map<string, number>();
    for (const p of await listRollupPartitions(c)) {
      if (p.to > limit) continue;
      const kept = await c.query<{ n: number }>(KEPT_TENANTS(p.name), [opts.asOf]);
      if ((kept.rows[0]?.n ?? 1) > 0) continue;
      try {
        const counts = await inTransaction(c, async () => {
          await c.query(`SET LOCAL lock_timeout = '${DROP_LOCK_TIMEOUT}'`);
          await c.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [DDL_LOCK]);
          await c.query(`LOCK TABLE "IpDayRollup" IN ACCESS EXCLUSIVE MODE`);
          const again = await c.query<{ n: number }>(KEPT_TENANTS(p.name), [opts.asOf]);
          if ((again.rows[0]?.n ?? 1) > 0) return null;
          const rows = await c.query<{ tenantId: string; n: number }>(
            `SELECT "tenantId", count(*)::int AS n FROM "${p.name}" GROUP BY 1`,
          );
          await c.query(`DROP TABLE "${p.name}"`);
          return rows.rows;
        });
        if (counts === null) continue;
        for (const r of counts) rowsByTenant.set(r.tenantId, (rowsByTenant.get(r.tenantId) ?? 0) + r.n);
        dropped.push(p.name);
      } catch (err) {
        // lock_not_available: busy now, tried again tomorrow.
        if ((err as { code?: string }).code !== "55P03") throw err;
        skipped.push(p.name);
      }
    }
    return { dropped, rowsByTenant, skipped };
  });
}
