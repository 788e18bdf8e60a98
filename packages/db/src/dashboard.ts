import { dayNumber, dayString, utcDay } from "@mlsec/core/day";
import { withTenant } from "./with-tenant.ts";

/**
 * The tenant-wide numbers of the portal's home page, read across every upload's rollups and the
 * tenant's current decisions. "Listed" means what the blocklist serves: a decision of a report made
 * since `reportedSince` whose validity has not ended by `now`.
 */
export type TDashboardWindow = {
  tenantId: string;
  /** First and last UTC day shown, YYYY-MM-DD, inclusive. */
  from: string;
  to: string;
  reportedSince: Date;
  now: Date;
};

export type TDashboardDay = {
  day: string;
  events: number;
  sources: number;
  /** Sources whose first rollup day for this tenant is this day. */
  newSources: number;
  /** Sources active that day whose current decision is in the block bucket. */
  flagged: number;
  /** Of those, the ones first seen that day: new attackers (the rest are returning). */
  newFlagged: number;
};

export type TBucketCount = { bucket: string; addresses: number };
export type TTopAddress = {
  ip: string;
  score: number;
  bucket: string;
  cluster: string;
  asn: number | null;
  country: string | null;
  asOf: string;
};
/** A neighbourhood of listed addresses with its events per day over the window (oldest first). */
export type TTopGroup<K> = { key: K; listed: number; maxScore: number; events: number[] };

type TCount = bigint | number;
const num = (v: TCount | null): number => Number(v ?? 0);

function listedWhere(first: number): string {
  return `d."tenantId" = $${first} AND d."reportedAt" >= $${first + 1} AND d."validUntil" > $${first + 2}`;
}

/** Events, sources, new sources and flagged addresses per day, for every day of the window that has rollups. */
export async function dashboardDays(w: TDashboardWindow): Promise<TDashboardDay[]> {
  return withTenant(w.tenantId, async (tx) => {
    const rows = await tx.$queryRawUnsafe<
      {
        day: Date;
        events: TCount;
        sources: TCount;
        new_sources: TCount;
        flagged: TCount;
        new_flagged: TCount;
      }[]
    >(
      `WITH active AS (
         SELECT r."day", r."ip", sum(r."events") AS events FROM "IpDayRollup" r
          WHERE r."tenantId" = $1 AND r."day" BETWEEN $2::date AND $3::date
          GROUP BY r."day", r."ip"),
       first AS (
         SELECT r."ip", min(r."day") AS first_day FROM "IpDayRollup" r
          WHERE r."tenantId" = $1 AND r."ip" IN (SELECT "ip" FROM active)
          GROUP BY r."ip")
       SELECT a."day", sum(a.events) AS events, count(*) AS sources,
              count(*) FILTER (WHERE f.first_day = a."day") AS new_sources,
              count(d."ip") AS flagged,
              count(d."ip") FILTER (WHERE f.first_day = a."day") AS new_flagged
         FROM active a JOIN first f ON f."ip" = a."ip"
         LEFT JOIN "Decision" d ON d."tenantId" = $1 AND d."ip" = a."ip" AND d."bucket" = 'block'
             AND d."reportedAt" >= $4 AND d."validUntil" > $5
        GROUP BY a."day" ORDER BY a."day"`,
      w.tenantId,
      w.from,
      w.to,
      w.reportedSince,
      w.now,
    );
    return rows.map((r) => ({
      day: utcDay(r.day),
      events: num(r.events),
      sources: num(r.sources),
      newSources: num(r.new_sources),
      flagged: num(r.flagged),
      newFlagged: num(r.new_flagged),
    }));
  });
}

/** How many addresses are listed now, per triage bucket. */
export async function listedByBucket(w: TDashboardWindow): Promise<TBucketCount[]> {
  return withTenant(w.tenantId, async (tx) => {
    const rows = await tx.$queryRawUnsafe<{ bucket: string; n: TCount }[]>(
      `SELECT d."bucket", count(*) AS n FROM "Decision" d WHERE ${listedWhere(1)} GROUP BY d."bucket" ORDER BY d."bucket"`,
      w.tenantId,
      w.reportedSince,
      w.now,
    );
    return rows.map((r) => ({ bucket: r.bucket, addresses: num(r.n) }));
  });
}

/** Listed addresses in the review bucket with no verdict yet: the analyst's queue. */
export async function pendingReviewCount(w: TDashboardWindow): Promise<number> {
  return withTenant(w.tenantId, async (tx) => {
    const rows = await tx.$queryRawUnsafe<{ n: TCount }[]>(
      `SELECT count(*) AS n FROM "Decision" d
        WHERE ${listedWhere(1)} AND d."bucket" = 'review'
          AND NOT EXISTS (SELECT 1 FROM "Verdict" v WHERE v."tenantId" = d."tenantId" AND v."ip" = d."ip")`,
      w.tenantId,
      w.reportedSince,
      w.now,
    );
    return num(rows[0]?.n ?? 0);
  });
}

/** The highest-scored listed addresses. */
export async function topListedAddresses(w: TDashboardWindow, take: number): Promise<TTopAddress[]> {
  return withTenant(w.tenantId, async (tx) => {
    const rows = await tx.$queryRawUnsafe<
      {
        ip: string;
        score: number;
        bucket: string;
        cluster: string;
        asn: number | null;
        country: string | null;
        asOf: Date;
      }[]
    >(
      `SELECT d."ip", d."score", d."bucket", d."cluster", d."asn", d."country", d."asOf" FROM "Decision" d
        WHERE ${listedWhere(1)} AND d."bucket" = 'block'
        ORDER BY d."score" DESC, d."sortKey" LIMIT ${Math.max(1, Math.floor(take))}`,
      w.tenantId,
      w.reportedSince,
      w.now,
    );
    return rows.map((r) => ({ ...r, asOf: utcDay(r.asOf) }));
  });
}

/** The network of an address as the dashboard groups it: IPv4 /24, IPv6 /48. */
const NET_SQL = (col: string) =>
  `network(set_masklen(${col}::inet, CASE WHEN family(${col}::inet) = 4 THEN 24 ELSE 48 END))::text`;

const GROUP_KEY_SQL = {
  net: NET_SQL(`d."ip"`),
  asn: `d."asn"::text`,
  // Stored with the decision by the report stage (the registration country it looked up).
  country: `d."country"`,
} as const;

/**
 * The /24s (IPv6 /48s), ASes and registration countries with the most listed (block) addresses,
 * each with the events per day of its listed addresses across the window, zero-filled, for a
 * sparkline.
 */
export async function topListedGroups(
  w: TDashboardWindow,
  by: "net" | "asn" | "country",
  take: number,
): Promise<TTopGroup<string>[]> {
  return withTenant(w.tenantId, async (tx) => {
    const keySql = GROUP_KEY_SQL[by];
    const groups = await tx.$queryRawUnsafe<{ key: string; listed: TCount; max_score: number }[]>(
      `SELECT ${keySql} AS key, count(*) AS listed, max(d."score") AS max_score FROM "Decision" d
        WHERE ${listedWhere(1)} AND d."bucket" = 'block' ${by === "net" ? "" : `AND ${keySql} IS NOT NULL`}
        GROUP BY 1 ORDER BY 2 DESC, 3 DESC, 1 LIMIT ${Math.max(1, Math.floor(take))}`,
      w.tenantId,
      w.reportedSince,
      w.now,
    );
    if (groups.length === 0) return [];
    const keys = groups.map((g) => g.key);
    const series = await tx.$queryRawUnsafe<{ key: string; day: Date; events: TCount }[]>(
      `SELECT ${keySql} AS key, r."day", sum(r."events") AS events
         FROM "Decision" d JOIN "IpDayRollup" r ON r."tenantId" = d."tenantId" AND r."ip" = d."ip"
        WHERE ${listedWhere(1)} AND d."bucket" = 'block' AND ${keySql} = ANY($4::text[])
          AND r."day" BETWEEN $5::date AND $6::date
        GROUP BY 1, 2`,
      w.tenantId,
      w.reportedSince,
      w.now,
      keys,
      w.from,
      w.to,
    );
    const days = daysOf(w.from, w.to);
    const index = new Map(days.map((d, i) => [d, i]));
    const byKey = new Map(keys.map((k) => [k, new Array<number>(days.length).fill(0)]));
    for (const s of series) {
      const i = index.get(utcDay(s.day));
      const line = byKey.get(s.key);
      if (i !== undefined && line) line[i] = num(s.events);
    }
    return groups.map((g) => ({
      key: g.key,
      listed: num(g.listed),
      maxScore: g.max_score,
      events: byKey.get(g.key) ?? [],
    }));
  });
}

/** Every UTC day from `from` to `to`, inclusive. */
export function daysOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = dayNumber(from); d <= dayNumber(to); d++) out.push(dayString(d));
  return out;
}

/** Distinct sources, and distinct flagged (block-listed) sources, active anywhere in the window. */
export async function dashboardDistinct(w: TDashboardWindow): Promise<{ sources: number; flagged: number }> {
  return withTenant(w.tenantId, async (tx) => {
    const rows = await tx.$queryRawUnsafe<{ sources: TCount; flagged: TCount }[]>(
      `WITH active AS (
         SELECT DISTINCT r."ip" FROM "IpDayRollup" r
          WHERE r."tenantId" = $1 AND r."day" BETWEEN $2::date AND $3::date)
       SELECT count(*) AS sources, count(d."ip") AS flagged FROM active a
         LEFT JOIN "Decision" d ON d."tenantId" = $1 AND d."ip" = a."ip" AND d."bucket" = 'block'
             AND d."reportedAt" >= $4 AND d."validUntil" > $5`,
      w.tenantId,
      w.from,
      w.to,
      w.reportedSince,
      w.now,
    );
    return { sources: num(rows[0]?.sources ?? 0), flagged: num(rows[0]?.flagged ?? 0) };
  });
}
