import { getDb } from "./client.ts";
import { monthOf, nextMonth } from "./rollup-partitions.ts";
import { withTenant } from "./with-tenant.ts";

/**
 * Sets (or, with null, clears) how many days of rollups and raw files the tenant keeps; the
 * column's CHECK holds it to 90..36500 (the API's schema says so first, with a message).
 */
export async function setRetentionDays(opts: { tenantId: string; days: number | null }): Promise<void> {
  // A request path (the settings route): behind the tenant wall, as the other settings writes.
  await withTenant(opts.tenantId, (tx) =>
    tx.tenant.update({ where: { id: opts.tenantId }, data: { retentionDays: opts.days } }),
  );
}

/**
 * Tenants with a retention period: what the daily retention job visits. This and the deletes below
 * are the maintenance job's, which runs as the table owner, outside the tenant wall (each still
 * filters by its tenant).
 */
export async function tenantsWithRetention(): Promise<{ tenantId: string; retentionDays: number }[]> {
  const rows = await getDb().tenant.findMany({
    where: { retentionDays: { not: null } },
    select: { id: true, retentionDays: true },
    orderBy: { id: "asc" },
  });
  return rows.flatMap((r) =>
    r.retentionDays === null ? [] : [{ tenantId: r.id, retentionDays: r.retentionDays }],
  );
}

/**
 * Deletes up to `batch` of the tenant's rollups of days before `cutDay` (YYYY-MM-DD) and returns how
 * many went, 0 once none is left. One statement, its own transaction: the caller loops until 0, so
 * a tenant of millions of old rows never holds one huge transaction (nor its locks and WAL at once).
 *
 * Each batch is of one month, the oldest the tenant still has before the cut: rows are picked by
 * ctid, which is unique only within one partition of IpDayRollup, and a window inside one month
 * prunes the statement to that month's partition (or DEFAULT) at plan time. Months wholly expired
 * for every tenant in them are dropped whole before this runs (dropExpiredRollupPartitions).
 */
export async function deleteRollupsBefore(opts: {
  tenantId: string;
  cutDay: string;
  batch: number;
}): Promise<number> {
  const db = getDb();
  const [oldest] = await db.$queryRawUnsafe<{ day: string | null }[]>(
    `SELECT to_char(min("day"), 'YYYY-MM-DD') AS day FROM "IpDayRollup" WHERE "tenantId" = $1 AND "day" < $2::date`,
    opts.tenantId,
    opts.cutDay,
  );
  if (!oldest?.day) return 0;
  const from = monthOf(oldest.day);
  const to = nextMonth(from) < opts.cutDay ? nextMonth(from) : opts.cutDay;
  return db.$executeRawUnsafe(DELETE_ROLLUPS_IN, opts.tenantId, from, to, opts.batch);
}

/** deleteRollupsBefore's statement: $1 tenant, [$2, $3) a window within one month, $4 the batch. */
export const DELETE_ROLLUPS_IN = `DELETE FROM "IpDayRollup"
  WHERE "tenantId" = $1 AND "day" >= $2::date AND "day" < $3::date AND ctid = ANY (ARRAY(
    SELECT ctid FROM "IpDayRollup" WHERE "tenantId" = $1 AND "day" >= $2::date AND "day" < $3::date LIMIT $4))`;

export type TPurgeableUpload = { id: string; s3Key: string };

/**
 * Up to `limit` of the tenant's uploads whose raw file is older than `cutDay` and still stored: a
 * finished upload none of whose rollups is of the cut day or later (all its data is older; its
 * rollups are keyed by its content hash), or a failed one uploaded before the cut (it has no days).
 * Uploads still queued or processing are never picked: a stage may be reading the file.
 */
export async function uploadsToPurge(opts: {
  tenantId: string;
  cutDay: string;
  limit: number;
}): Promise<TPurgeableUpload[]> {
  return getDb().$queryRawUnsafe<TPurgeableUpload[]>(
    `SELECT u."id", u."s3Key" FROM "Upload" u
      WHERE u."tenantId" = $1 AND u."rawPurgedAt" IS NULL AND u."s3Key" <> ''
        AND ((u."status" = 'done' AND u."sha256" IS NOT NULL AND NOT EXISTS (
               SELECT 1 FROM "IpDayRollup" r
                WHERE r."tenantId" = u."tenantId" AND r."sourceKey" = u."sha256" AND r."day" >= $2::date))
          OR (u."status" = 'failed' AND u."createdAt" < $2::date))
      ORDER BY u."id" LIMIT $3`,
    opts.tenantId,
    opts.cutDay,
    opts.limit,
  );
}

/** Records that retention deleted these uploads' raw files (so the next run skips them). */
export async function markRawPurged(opts: { tenantId: string; uploadIds: string[] }): Promise<number> {
  const res = await getDb().upload.updateMany({
    where: { tenantId: opts.tenantId, id: { in: opts.uploadIds }, rawPurgedAt: null },
    data: { rawPurgedAt: new Date() },
  });
  return res.count;
}
