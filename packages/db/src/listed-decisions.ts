import { utcDay } from "@mlsec/core/day";
import { withTenant } from "./with-tenant.ts";
import type { TDashboardWindow } from "./dashboard.ts";

/** A filter over what the tenant lists now; every field narrows, none widens. */
export type TListedFilter = {
  bucket: string | null;
  /** A CIDR (or one address) the address must fall inside; validated by the caller. */
  cidr: string | null;
  /** One address in canonical text (the form decisions store): an exact match on the key. */
  ip: string | null;
  asn: number | null;
  /** ISO 3166-1 alpha-2, upper case: the registration country stored with the decision. */
  country: string | null;
  minScore: number | null;
  maxScore: number | null;
  /** YYYY-MM-DD: the address has rollups on that day. */
  activeOn: string | null;
  /** Only addresses without any verdict yet. */
  pending: boolean;
};

export type TListedRow = {
  ip: string;
  score: number;
  bucket: string;
  cluster: string;
  driver: string;
  asn: number | null;
  country: string | null;
  asOf: string;
  validUntil: Date;
  reportId: string;
};

/**
 * One page of the listed decisions that match, highest score first (ties in address order), and
 * how many match in all. Cross-tenant rows cannot match: every clause is under the tenant's id.
 */
export async function listListedDecisions(
  w: Pick<TDashboardWindow, "tenantId" | "reportedSince" | "now">,
  f: TListedFilter,
  page: { take: number; skip: number },
): Promise<{ total: number; rows: TListedRow[] }> {
  return withTenant(w.tenantId, async (tx) => {
    const params: unknown[] = [w.tenantId, w.reportedSince, w.now];
    const clauses = [`d."tenantId" = $1`, `d."reportedAt" >= $2`, `d."validUntil" > $3`];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      clauses.push(sql(`$${params.length}`));
    };
    if (f.bucket !== null) add((p) => `d."bucket" = ${p}`, f.bucket);
    if (f.cidr !== null) add((p) => `d."ip"::inet <<= ${p}::inet`, f.cidr);
    if (f.ip !== null) add((p) => `d."ip" = ${p}`, f.ip);
    if (f.asn !== null) add((p) => `d."asn" = ${p}`, f.asn);
    if (f.country !== null) add((p) => `d."country" = ${p}`, f.country);
    if (f.minScore !== null) add((p) => `d."score" >= ${p}`, f.minScore);
    if (f.maxScore !== null) add((p) => `d."score" <= ${p}`, f.maxScore);
    if (f.activeOn !== null)
      add(
        (p) =>
          `EXISTS (SELECT 1 FROM "IpDayRollup" r WHERE r."tenantId" = d."tenantId" AND r."ip" = d."ip" AND r."day" = ${p}::date)`,
        f.activeOn,
      );
    if (f.pending)
      clauses.push(
        `NOT EXISTS (SELECT 1 FROM "Verdict" v WHERE v."tenantId" = d."tenantId" AND v."ip" = d."ip")`,
      );
    const where = clauses.join(" AND ");
    const db = tx;
    const [count, rows] = await Promise.all([
      db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "Decision" d WHERE ${where}`, ...params),
      db.$queryRawUnsafe<(Omit<TListedRow, "asOf"> & { asOf: Date })[]>(
        `SELECT d."ip", d."score", d."bucket", d."cluster", d."driver", d."asn", d."country", d."asOf",
                d."validUntil", d."reportId"
           FROM "Decision" d WHERE ${where}
          ORDER BY d."score" DESC, d."sortKey"
          LIMIT ${Math.max(1, Math.floor(page.take))} OFFSET ${Math.max(0, Math.floor(page.skip))}`,
        ...params,
      ),
    ]);
    return {
      total: Number(count[0]?.n ?? 0),
      rows: rows.map((r) => ({ ...r, asOf: utcDay(r.asOf) })),
    };
  });
}
