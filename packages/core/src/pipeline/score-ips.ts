import { lookupAsn } from "../asn/lookup-asn.ts";
import { lookupCountry, type TCountryTable } from "../geo/country-table.ts";
import { featureNamesOf, featuresFor } from "../rank/features.ts";
import type { TRankSnapshot } from "../rank/snapshot.ts";
import type { TScoredIp } from "../report/report-schema.ts";
import { explainScore } from "../score/explain-score.ts";
import { DEFAULT_TRIAGE, triageBucket, type TTriageThresholds } from "../score/triage.ts";
import { baselineScore } from "../train/baseline-score.ts";
import type { TPredictor } from "../train/load-predictor.ts";
import type { TTrainedModel } from "../train/types.ts";

export type TScoreOptions = {
  snapshot: TRankSnapshot;
  /** Source IP -> events seen in the upload (or logs) being reported. */
  ips: Record<string, number>;
  model: TTrainedModel | null;
  predictor: TPredictor | null;
  triage?: TTriageThresholds;
  /** Registration-country table (packages/core/src/geo); countries are null without it. */
  countries?: TCountryTable | null;
};

/**
 * Scores every IP with the model, or with the no-learning baseline when there is none (mapped to
 * 0..1 by 1 - e^-s, so "more decayed badness nearby" still means a higher score). Features come from
 * the snapshot, which holds only days before its as-of date.
 */
export function scoreIps(opts: TScoreOptions): TScoredIp[] {
  const names = featureNamesOf(opts.snapshot);
  const triage = opts.triage ?? DEFAULT_TRIAGE;
  const threshold = opts.model?.threshold ?? 0.5;
  const scaler = opts.model?.scaler ?? maxScaler(opts.snapshot, Object.keys(opts.ips), names.length);
  const out: TScoredIp[] = [];
  for (const [ip, events] of Object.entries(opts.ips)) {
    const x = featuresFor(opts.snapshot, ip);
    const raw = opts.predictor ? opts.predictor.probability(x) : 1 - Math.exp(-baselineScore(x, names));
    const score = Math.min(1, Math.max(0, raw));
    const as = opts.snapshot.asnTable ? lookupAsn(opts.snapshot.asnTable, ip) : null;
    out.push({
      ip,
      events,
      score,
      verdict: score >= threshold ? "malicious" : "benign",
      bucket: triageBucket(score, triage),
      asn: as?.asn ?? null,
      asOrg: as?.org ?? null,
      country: opts.countries ? lookupCountry(opts.countries, ip) : null,
      reasons: explainScore({ features: x, featureNames: names, scaler }),
      features: Object.fromEntries(names.map((n, i) => [n, x[i] ?? 0])),
    });
  }
  return out.sort((a, b) => b.score - a.score || b.events - a.events);
}

// Without a model there is no training range; explain against the range of the IPs being scored.
function maxScaler(snapshot: TRankSnapshot, ips: string[], d: number) {
  const min = new Array<number>(d).fill(0);
  const max = new Array<number>(d).fill(0);
  for (const ip of ips) featuresFor(snapshot, ip).forEach((v, i) => (max[i] = Math.max(max[i] ?? 0, v)));
  return { min, max };
}
