import { getDb } from "./client.ts";

/**
 * What a tenant's rollups cover, without reading them: the distinct days (optionally of one
 * source), the distinct sources, and which uploads finished ingesting. The rank stage uses these to
 * re-read only the days that changed since the tenant's stored snapshot.
 */

/**
 * Distinct days with rollups in [from, before), ascending. A recursive "next day after" query walks
 * the (tenantId, day) or primary-key index once per distinct day (a loose index scan), so the cost
 * follows the number of days, not of rows.
 */
export async function rollupDays(opts: {
  tenantId: string;
  sourceKey?: string;
  from: string;
  before: string;
}): Promise<string[]> {
  const { sql, params } = rollupDaysQuery(opts);
  const rows = await getDb().$queryRawUnsafe<{ day: string }[]>(sql, ...params);
  return rows.map((r) => r.day);
}

/**
 * rollupDays' SQL (exported so the partition test EXPLAINs it): the first step prunes to the
 * partitions of [from, before) at plan time, each recursive step's "after d.day" at run time.
 */
export function rollupDaysQuery(opts: {
  tenantId: string;
  sourceKey?: string;
  from: string;
  before: string;
}) {
  const params: unknown[] = [opts.tenantId, opts.from, opts.before];
  const source = opts.sourceKey === undefined ? "" : `AND "sourceKey" = $${params.push(opts.sourceKey)}`;
  const scope = `"tenantId" = $1 ${source} AND "day" < $3::date`;
  const sql = `WITH RECURSIVE d(day) AS (
       SELECT min("day") FROM "IpDayRollup" WHERE ${scope} AND "day" >= $2::date
       UNION ALL
       SELECT (SELECT min("day") FROM "IpDayRollup" WHERE ${scope} AND "day" > d.day)
         FROM d WHERE d.day IS NOT NULL
     )
     SELECT to_char(day, 'YYYY-MM-DD') AS day FROM d WHERE day IS NOT NULL`;
  return { sql, params };
}

/** Distinct sources (upload contents) that wrote rollups for the tenant, by the same loose scan. */
export async function rollupSourceKeys(tenantId: string): Promise<string[]> {
  const rows = await getDb().$queryRawUnsafe<{ key: string }[]>(
    `WITH RECURSIVE s(key) AS (
       SELECT min("sourceKey") FROM "IpDayRollup" WHERE "tenantId" = $1
       UNION ALL
       SELECT (SELECT min("sourceKey") FROM "IpDayRollup" WHERE "tenantId" = $1 AND "sourceKey" > s.key)
         FROM s WHERE s.key IS NOT NULL
     )
     SELECT key FROM s WHERE key IS NOT NULL`,
    tenantId,
  );
  return rows.map((r) => r.key);
}

/** Which of `sourceKeys` wrote rollups for `day`: one primary-key probe per source. */
export async function sourcesOfDay(opts: { tenantId: string; day: string; sourceKeys: string[] }) {
  const rows = await getDb().$queryRawUnsafe<{ key: string }[]>(
    `SELECT k AS key FROM unnest($2::text[]) AS k
      WHERE EXISTS (SELECT 1 FROM "IpDayRollup" r
                     WHERE r."tenantId" = $1 AND r."sourceKey" = k AND r."day" = $3::date)`,
    opts.tenantId,
    opts.sourceKeys,
    opts.day,
  );
  return rows.map((r) => r.key);
}

/** Stages an upload reaches only after its ingest finished writing every rollup. */
const PAST_INGEST = ["rank", "train", "report", "done"];

/** Sources (SHA-256 of the content) of the tenant's uploads whose ingest has completed. */
export async function ingestedSourceKeys(tenantId: string): Promise<string[]> {
  const rows = await getDb().upload.findMany({
    where: { tenantId, sha256: { not: null }, stage: { in: PAST_INGEST } },
    select: { sha256: true },
    distinct: ["sha256"],
  });
  return rows.flatMap((r) => (r.sha256 ? [r.sha256] : []));
}
