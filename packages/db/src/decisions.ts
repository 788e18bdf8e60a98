import { utcDay } from "@mlsec/core/day";
import { getDb } from "./client.ts";

/** One address the tenant lists (or scored below the threshold): a row of "Decision". */
export type TDecisionRow = {
  ip: string;
  sortKey: string;
  family: 4 | 6;
  score: number;
  bucket: string;
  cluster: string;
  driver: string;
  asn: number | null;
  /** Registration country (ISO alpha-2) of the address, or null when unknown. */
  country: string | null;
  /** YYYY-MM-DD */
  asOf: string;
  validUntil: Date;
  reportId: string;
  modelId: string | null;
  reportedAt: Date;
};

/** What a read of the decisions selects; everything else (lists, buckets, community) is the caller's. */
export type TDecisionQuery = {
  tenantId: string;
  /** Lowest score; null: any. */
  minScore: number | null;
  family: 4 | 6 | null;
  /** Rows of reports made before this no longer count (the blocklist window). */
  reportedSince: Date;
  /** Rows whose validity ended by now are gone. */
  now: Date;
};

// unnest() parameters per batch: 15 arrays of 5,000 stay far below PostgreSQL's parameter limits and
// keep one statement's work short enough not to hold row locks for long.
const WRITE_BATCH = 5_000;
const READ_BATCH = 5_000;
/** A write this large re-reads the table's statistics (ANALYZE samples, so it stays cheap). */
const ANALYZE_AFTER_ROWS = 10_000;

/**
 * Stores a report's scored addresses as the tenant's current decisions, each replacing the
 * address's row only when this report is at least as new as the one that wrote it (the
 * blocklist's "newest report wins", whatever order retried report jobs finish in). Idempotent: the
 * same report written twice leaves the same rows.
 */
export async function upsertDecisions(tenantId: string, rows: readonly TDecisionRow[]): Promise<number> {
  const db = getDb();
  let written = 0;
  for (let i = 0; i < rows.length; i += WRITE_BATCH) {
    const b = rows.slice(i, i + WRITE_BATCH);
    written += await db.$executeRawUnsafe(
      `INSERT INTO "Decision" ("tenantId","ip","sortKey","family","score","bucket","cluster","driver","asn",
         "asOf","validUntil","reportId","modelId","reportedAt","country","updatedAt")
       SELECT $1, t.* , now() FROM unnest($2::text[], $3::text[], $4::int[], $5::float8[], $6::text[], $7::text[],
         $8::text[], $9::int[], $10::date[], $11::timestamp(3)[], $12::text[], $13::text[], $14::timestamp(3)[],
         $15::text[])
         AS t(ip, sk, fam, score, bucket, cluster, driver, asn, asof, valid, report, model, reported, country)
       ON CONFLICT ("tenantId","ip") DO UPDATE SET
         "sortKey" = EXCLUDED."sortKey", "family" = EXCLUDED."family", "score" = EXCLUDED."score",
         "bucket" = EXCLUDED."bucket", "cluster" = EXCLUDED."cluster", "driver" = EXCLUDED."driver",
         "asn" = EXCLUDED."asn", "country" = EXCLUDED."country", "asOf" = EXCLUDED."asOf",
         "validUntil" = EXCLUDED."validUntil",
         "reportId" = EXCLUDED."reportId", "modelId" = EXCLUDED."modelId",
         "reportedAt" = EXCLUDED."reportedAt", "updatedAt" = now()
       WHERE "Decision"."reportedAt" <= EXCLUDED."reportedAt"`,
      tenantId,
      b.map((r) => r.ip),
      b.map((r) => r.sortKey),
      b.map((r) => r.family),
      b.map((r) => r.score),
      b.map((r) => r.bucket),
      b.map((r) => r.cluster),
      b.map((r) => r.driver),
      b.map((r) => r.asn),
      b.map((r) => r.asOf),
      b.map((r) => r.validUntil.toISOString()),
      b.map((r) => r.reportId),
      b.map((r) => r.modelId),
      b.map((r) => r.reportedAt.toISOString()),
      b.map((r) => r.country),
    );
  }
  // Keyset pages need the planner to walk the (tenantId, sortKey) index; with statistics from
  // before a large write it estimates a few hundred rows and sorts the whole tenant per page.
  if (rows.length >= ANALYZE_AFTER_ROWS) await db.$executeRawUnsafe(`ANALYZE "Decision"`);
  return written;
}

type TRawDecision = Omit<TDecisionRow, "validUntil" | "reportedAt" | "asOf" | "family"> & {
  family: number;
  asOf: Date;
  validUntil: Date;
  reportedAt: Date;
};

function where(q: TDecisionQuery, first: number): { sql: string; params: unknown[] } {
  const params: unknown[] = [q.tenantId, q.reportedSince, q.now];
  let sql = `"tenantId" = $${first} AND "reportedAt" >= $${first + 1} AND "validUntil" > $${first + 2}`;
  if (q.minScore !== null) {
    params.push(q.minScore);
    sql += ` AND "score" >= $${first + params.length - 1}`;
  }
  if (q.family !== null) {
    params.push(q.family);
    sql += ` AND "family" = $${first + params.length - 1}`;
  }
  return { sql, params };
}

/**
 * The selected decisions in sortKey (numeric address) order, a page at a time by keyset, so a
 * million-row feed streams in constant memory and a long pull never holds a transaction open.
 */
export async function* streamDecisions(q: TDecisionQuery, after = ""): AsyncGenerator<TDecisionRow[]> {
  const db = getDb();
  let last = after;
  for (;;) {
    const w = where(q, 2);
    const rows = await db.$queryRawUnsafe<TRawDecision[]>(
      `SELECT "ip","sortKey","family","score","bucket","cluster","driver","asn","country","asOf","validUntil",
              "reportId","modelId","reportedAt"
         FROM "Decision" WHERE "sortKey" > $1 AND ${w.sql}
        ORDER BY "sortKey" LIMIT ${READ_BATCH}`,
      last,
      ...w.params,
    );
    if (rows.length === 0) return;
    yield rows.map((r) => ({
      ...r,
      family: r.family === 6 ? 6 : 4,
      asOf: utcDay(r.asOf),
    }));
    last = rows[rows.length - 1]?.sortKey ?? last;
    if (rows.length < READ_BATCH) return;
  }
}

/**
 * The score of the n-th highest selected decision (null when fewer): a feed capped at n entries
 * keeps the scores at or above it, so the cap drops the weakest listings, not the highest addresses.
 */
export async function nthHighestScore(q: TDecisionQuery, n: number): Promise<number | null> {
  const w = where(q, 1);
  const rows = await getDb().$queryRawUnsafe<{ score: number }[]>(
    `SELECT "score" FROM "Decision" WHERE ${w.sql} ORDER BY "score" DESC OFFSET ${Math.max(0, Math.floor(n) - 1)} LIMIT 1`,
    ...w.params,
  );
  return rows[0]?.score ?? null;
}

/**
 * A fingerprint of the selected rows (count, newest write, earliest expiry still ahead): it changes
 * whenever a pull's content could, so it backs a feed's ETag without reading the rows.
 */
export async function decisionsFingerprint(q: TDecisionQuery): Promise<string> {
  const w = where(q, 1);
  const rows = await getDb().$queryRawUnsafe<{ n: bigint; newest: Date | null }[]>(
    `SELECT count(*) AS n, max("updatedAt") AS newest FROM "Decision" WHERE ${w.sql}`,
    ...w.params,
  );
  const r = rows[0];
  return `${r?.n ?? 0}|${r?.newest?.toISOString() ?? "-"}`;
}

/** Every decision of a tenant (deleteTenant, tests). */
export async function deleteDecisions(tenantId: string): Promise<number> {
  return getDb().$executeRawUnsafe(`DELETE FROM "Decision" WHERE "tenantId" = $1`, tenantId);
}

/**
 * Per as-of day of the selected decisions, the newest write: a MISP feed's per-day event
 * timestamp, which MISP compares to decide whether to fetch the event again.
 */
export async function decisionDayStamps(q: TDecisionQuery): Promise<Map<string, Date>> {
  const w = where(q, 1);
  const rows = await getDb().$queryRawUnsafe<{ day: Date; newest: Date }[]>(
    `SELECT "asOf" AS day, max("updatedAt") AS newest FROM "Decision" WHERE ${w.sql} GROUP BY "asOf"`,
    ...w.params,
  );
  return new Map(rows.map((r) => [utcDay(r.day), r.newest]));
}

/** Tenants with done reports made since `since` and no decision rows at all (the backfill's work list). */
export async function tenantsWithoutDecisions(since: Date): Promise<string[]> {
  const rows = await getDb().$queryRawUnsafe<{ tenantId: string }[]>(
    `SELECT DISTINCT r."tenantId" FROM "Report" r JOIN "Upload" u ON u.id = r."uploadId"
      WHERE r."createdAt" >= $1 AND u.status = 'done'
        AND NOT EXISTS (SELECT 1 FROM "Decision" d WHERE d."tenantId" = r."tenantId")`,
    since,
  );
  return rows.map((r) => r.tenantId);
}
