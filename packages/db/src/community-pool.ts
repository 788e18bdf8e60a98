import type { TContribution } from "@mlsec/core/community";
import { getDb } from "./client.ts";

const BATCH = 5000;

/**
 * Replaces one contributor's pool rows in [from, before) with `rows` (all of that contributor):
 * rerunning the job for the same days leaves exactly one copy, and sightings a tenant's data no
 * longer holds disappear.
 */
export async function replaceContributions(opts: {
  contributorId: string;
  from: string;
  before: string;
  rows: readonly { day: string; ip: string }[];
}): Promise<number> {
  const db = getDb();
  return db.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(
        `DELETE FROM "CommunityContribution" WHERE "contributorId" = $1 AND "day" >= $2::date AND "day" < $3::date`,
        opts.contributorId,
        opts.from,
        opts.before,
      );
      for (let i = 0; i < opts.rows.length; i += BATCH) {
        const batch = opts.rows.slice(i, i + BATCH);
        await tx.$executeRawUnsafe(
          `INSERT INTO "CommunityContribution" ("contributorId","day","ip")
           SELECT $1, t.d::date, t.ip FROM unnest($2::text[], $3::text[]) AS t(d, ip)
           ON CONFLICT DO NOTHING`,
          opts.contributorId,
          batch.map((r) => r.day),
          batch.map((r) => r.ip),
        );
      }
      return opts.rows.length;
    },
    { timeout: 120_000 },
  );
}

type TRaw = { contributorId: string; day: string; ip: string };

/**
 * The pool in [from, before), paged by primary key. `contributors` narrows it (e.g. to feeds).
 * Exclusion of the asking tenant is the caller's, through core's `exclude` option, so k is counted
 * by the same code everywhere.
 */
export async function* readPool(opts: {
  from: string;
  before: string;
  contributors?: readonly string[];
  pageSize?: number;
}): AsyncGenerator<TContribution> {
  const db = getDb();
  const pageSize = opts.pageSize ?? 20_000;
  let after: TRaw | undefined;
  for (;;) {
    const params: unknown[] = [opts.from, opts.before];
    const where = [`"day" >= $1::date`, `"day" < $2::date`];
    if (opts.contributors)
      where.push(`"contributorId" = ANY($${params.push([...opts.contributors])}::text[])`);
    if (after) {
      const [c, d, ip] = [params.push(after.contributorId), params.push(after.day), params.push(after.ip)];
      where.push(`("contributorId", "day", "ip") > ($${c}, $${d}::date, $${ip})`);
    }
    const rows = await db.$queryRawUnsafe<TRaw[]>(
      `SELECT "contributorId", to_char("day", 'YYYY-MM-DD') AS "day", "ip" FROM "CommunityContribution"
       WHERE ${where.join(" AND ")} ORDER BY "contributorId", "day", "ip" LIMIT ${pageSize}`,
      ...params,
    );
    for (const r of rows) yield { contributor: r.contributorId, day: r.day, ip: r.ip };
    if (rows.length < pageSize) return;
    after = rows.at(-1);
  }
}

/** Pool rows per contributor (for the admin page's counts; pseudonyms are not returned). */
export async function countPoolRows(): Promise<{ tenants: number; feeds: number; rows: number }> {
  const rows = await getDb().$queryRawUnsafe<{ feeds: bigint; tenants: bigint; rows: bigint }[]>(
    `SELECT count(DISTINCT "contributorId") FILTER (WHERE "contributorId" LIKE 'feed:%') AS feeds,
            count(DISTINCT "contributorId") FILTER (WHERE "contributorId" NOT LIKE 'feed:%') AS tenants,
            count(*) AS rows FROM "CommunityContribution"`,
  );
  const r = rows[0];
  return { tenants: Number(r?.tenants ?? 0), feeds: Number(r?.feeds ?? 0), rows: Number(r?.rows ?? 0) };
}
