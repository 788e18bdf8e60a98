import { lookupAsn } from "../asn/lookup-asn.ts";
import { lookupCountry, type TCountryTable } from "../geo/country-table.ts";
import { communityFeaturesFor } from "../community/community-features.ts";
import type { TCommunityView } from "../community/community-view.ts";
import { scoreDriver } from "../community/score-driver.ts";
import {
  COMMUNITY_FEATURE_NAMES,
  featureNamesOf,
  featuresFor,
  hasCommunityFeatures,
} from "../rank/features.ts";
import type { TRankSnapshot } from "../rank/snapshot.ts";
import type { TScoredIp } from "../report/report-schema.ts";
import { describeDriver, explainScore } from "../score/explain-score.ts";
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
  /**
   * The community view for this tenant (minus its own contributions). Its columns are appended when
   * the model was trained with them, or, without a model, whenever a view is given: a tenant with
   * no history then scores on the community alone.
   */
  community?: TCommunityView | null;
};

/**
 * Scores every IP with the model, or with the no-learning baseline when there is none (mapped to
 * 0..1 by 1 - e^-s, so "more decayed badness nearby" still means a higher score). Features come from
 * the snapshot, which holds only days before its as-of date.
 */
export function scoreIps(opts: TScoreOptions): TScoredIp[] {
  return sortScored([...scoreEach(opts)]);
}

/**
 * scoreIps, handing the event loop back every `sliceMs` of scoring: an upload's tens of thousands
 * of addresses through an RBF model took the worker's loop for long enough, on a busy machine, to
 * lose its job locks (bench/load.ts). The same rows in the same order as scoreIps.
 */
export async function scoreIpsYielding(opts: TScoreOptions, sliceMs = 50): Promise<TScoredIp[]> {
  const out: TScoredIp[] = [];
  let since = performance.now();
  for (const scored of scoreEach(opts)) {
    out.push(scored);
    if ((out.length & 63) === 0 && performance.now() - since >= sliceMs) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      since = performance.now();
    }
  }
  return sortScored(out);
}

const sortScored = (out: TScoredIp[]): TScoredIp[] =>
  out.sort((a, b) => b.score - a.score || b.events - a.events);

function* scoreEach(opts: TScoreOptions): Generator<TScoredIp> {
  const useCommunity = opts.model
    ? hasCommunityFeatures(opts.model.featureNames)
    : opts.community !== undefined && opts.community !== null;
  const built = useCommunity
    ? [...featureNamesOf(opts.snapshot), ...COMMUNITY_FEATURE_NAMES]
    : featureNamesOf(opts.snapshot);
  // A model reads its own columns by name: one trained before columns were added (or with other
  // rules) still gets exactly the vector it was trained on.
  const names = opts.model ? opts.model.featureNames : built;
  const pick = columnPicker(built, names);
  const vector = (ip: string): number[] => {
    const x = featuresFor(opts.snapshot, ip);
    if (useCommunity) x.push(...communityFeaturesFor(opts.community ?? null, ip));
    return pick(x);
  };
  const predictor = opts.predictor;
  const predict = (x: number[]): number =>
    Math.min(1, Math.max(0, predictor ? predictor.probability(x) : 1 - Math.exp(-baselineScore(x, names))));
  const triage = opts.triage ?? DEFAULT_TRIAGE;
  const threshold = opts.model?.threshold ?? 0.5;
  const scaler = opts.model?.scaler ?? maxScaler(Object.keys(opts.ips), names.length, vector);
  for (const [ip, events] of Object.entries(opts.ips)) {
    const x = vector(ip);
    const score = predict(x);
    const as = opts.snapshot.asnTable ? lookupAsn(opts.snapshot.asnTable, ip) : null;
    const driven = useCommunity ? scoreDriver(predict, x, names) : null;
    const reasons = explainScore({
      features: x,
      featureNames: names,
      scaler,
      ...(opts.model?.transform ? { transform: opts.model.transform } : {}),
    });
    yield {
      ip,
      events,
      score,
      verdict: score >= threshold ? "malicious" : "benign",
      bucket: triageBucket(score, triage),
      asn: as?.asn ?? null,
      asOrg: as?.org ?? null,
      country: opts.countries ? lookupCountry(opts.countries, ip) : null,
      reasons: driven ? [describeDriver(driven), ...reasons] : reasons,
      features: Object.fromEntries(names.map((n, i) => [n, x[i] ?? 0])),
      ...(driven ? { driver: driven.driver } : {}),
    };
  }
}

/** Maps vectors laid out as `from` onto `to` by name; a column `from` lacks reads 0. */
function columnPicker(from: readonly string[], to: readonly string[]): (x: number[]) => number[] {
  if (from.length === to.length && from.every((n, i) => n === to[i])) return (x) => x;
  const at = new Map(from.map((n, i) => [n, i]));
  const index = to.map((n) => at.get(n) ?? -1);
  return (x) => index.map((i) => (i >= 0 ? (x[i] ?? 0) : 0));
}

// Without a model there is no training range; explain against the range of the IPs being scored.
function maxScaler(ips: string[], d: number, vector: (ip: string) => number[]) {
  const min = new Array<number>(d).fill(0);
  const max = new Array<number>(d).fill(0);
  for (const ip of ips) vector(ip).forEach((v, i) => (max[i] = Math.max(max[i] ?? 0, v)));
  return { min, max };
}
