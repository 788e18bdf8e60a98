import type { TContribution } from "@mlsec/core/community";
import { getDb } from "./client.ts";
import type { Prisma } from "./generated/prisma/client.ts";

const BATCH = 5000;

type TTx = Prisma.TransactionClient;

// Every write to the pool takes this lock first (the CommunityDay triggers take it too, for any
// other writer): two contributors' replacements upsert the same CommunityDay rows in no fixed
// order, and unserialised could deadlock. Pool writes are batch jobs, so one at a time costs little.
const POOL_LOCK = `SELECT pg_advisory_xact_lock(hashtext('mlsec community pool'))`;

/**
 * Replaces one contributor's pool rows in [from, before) with `rows` (all of that contributor):
 * rerunning the job for the same days leaves exactly one copy, and sightings a tenant's data no
 * longer holds disappear. Only the difference is written (the rows that went, the rows that are
 * new), so a daily refresh of a 90-day window changes about a day's rows instead of rewriting 90;
 * the database's triggers carry each change into the per-day aggregates (CommunityDay).
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
      await tx.$executeRawUnsafe(POOL_LOCK);
      await tx.$executeRawUnsafe(
        `CREATE TEMP TABLE "pool_incoming" ("day" date NOT NULL, "ip" text NOT NULL, PRIMARY KEY ("day", "ip")) ON COMMIT DROP`,
      );
      for (let i = 0; i < opts.rows.length; i += BATCH) {
        const batch = opts.rows.slice(i, i + BATCH);
        await tx.$executeRawUnsafe(
          `INSERT INTO "pool_incoming" SELECT t.d::date, t.ip FROM unnest($1::text[], $2::text[]) AS t(d, ip)
           ON CONFLICT DO NOTHING`,
          batch.map((r) => r.day),
          batch.map((r) => r.ip),
        );
      }
      await tx.$executeRawUnsafe(
        `DELETE FROM "CommunityContribution" c
         WHERE c."contributorId" = $1 AND c."day" >= $2::date AND c."day" < $3::date
           AND NOT EXISTS (SELECT 1 FROM "pool_incoming" i WHERE i."day" = c."day" AND i."ip" = c."ip")`,
        opts.contributorId,
        opts.from,
        opts.before,
      );
      await tx.$executeRawUnsafe(
        `INSERT INTO "CommunityContribution" ("contributorId", "day", "ip")
         SELECT $1, i."day", i."ip" FROM "pool_incoming" i ORDER BY i."day", i."ip"
         ON CONFLICT DO NOTHING`,
        opts.contributorId,
      );
      return opts.rows.length;
    },
    { timeout: 120_000 },
  );
}

/**
 * Every pool row of one contributor, gone (consent withdrawn, the tenant erased), inside the
 * caller's transaction so the withdrawal and the rest of the change commit together; its
 * pseudonym leaves the contributor list too, so an erased tenant leaves nothing behind.
 */
export async function withdrawContributor(tx: TTx, contributorId: string): Promise<void> {
  await tx.$executeRawUnsafe(POOL_LOCK);
  await tx.communityContribution.deleteMany({ where: { contributorId } });
  await tx.$executeRawUnsafe(`DELETE FROM "CommunityContributor" WHERE "key" = $1`, contributorId);
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
