import { indicatorLifetimeDays } from "@mlsec/core/export";
import { decisionSortKey } from "@mlsec/core/feeds";
import type { TScoredIp } from "@mlsec/core/report";
import { upsertDecisions, type TDecisionRow } from "@mlsec/db";
import { dayStart, MS_PER_DAY } from "@mlsec/core/day";

/**
 * The behaviour a listing is for: the rule with the highest own rank (`ip:<rule>` features), or,
 * for an address flagged on evidence that is not its own, where the evidence came from.
 */
export function listingCluster(scored: TScoredIp): string {
  let best = "";
  let top = 0;
  for (const [name, v] of Object.entries(scored.features))
    if (name.startsWith("ip:") && v > top) {
      top = v;
      best = name.slice(3);
    }
  if (best !== "") return best;
  return scored.driver === "community" ? "community" : "neighbourhood";
}

/** A report's scored addresses as decision rows: valid from its as-of day until the own rank is spent. */
export function decisionRows(opts: {
  scored: readonly TScoredIp[];
  asOf: string;
  halfLifeDays: number;
  reportId: string;
  modelId: string | null;
  reportedAt: Date;
}): TDecisionRow[] {
  const from = dayStart(opts.asOf).getTime();
  return opts.scored.map((s) => ({
    ip: s.ip,
    sortKey: decisionSortKey(s.ip),
    family: s.ip.includes(":") ? 6 : 4,
    score: s.score,
    bucket: s.bucket,
    cluster: listingCluster(s),
    driver: s.driver ?? "own",
    asn: s.asn,
    country: s.country,
    asOf: opts.asOf,
    validUntil: new Date(from + indicatorLifetimeDays(s, opts.halfLifeDays) * MS_PER_DAY),
    reportId: opts.reportId,
    modelId: opts.modelId,
    reportedAt: opts.reportedAt,
  }));
}

/** Makes a finished report's scores the tenant's current decisions (newest report per address wins). */
export async function listReportDecisions(opts: {
  tenantId: string;
  scored: readonly TScoredIp[];
  asOf: string;
  halfLifeDays: number;
  reportId: string;
  modelId: string | null;
  reportedAt: Date;
}): Promise<number> {
  return upsertDecisions(opts.tenantId, decisionRows(opts));
}
