import { sampleKey } from "../labels/bottom-k.ts";
import { rocAuc } from "../train/metrics.ts";
import { featureCeilingAuc } from "./feature-ceiling.ts";
import {
  brierScore,
  calibrationError,
  hitsAtN,
  operatingPoint,
  reliabilityBins,
  sensitivityAtSpecificity,
  type TOperatingPoint,
  type TReliabilityBin,
} from "./eval-metrics.ts";

export const RANKERS = ["model", "heuristic", "lwol", "gwol", "feed"] as const;
export type TRankerName = (typeof RANKERS)[number];

/** One scored test row: its class and every ranker's score of it. */
export type TScoredRow = {
  ip: string;
  y: 0 | 1;
  neverSeen: boolean;
  scores: Record<TRankerName, number>;
  /** The row's day and feature values (featureGroup), for the slice's ceilingAuc. */
  group?: string;
};

export type TRankerSummary = {
  auc: number;
  /** Sensitivity at specificity >= 0.90 (the operating point), any ranker. */
  sensitivityAtSpec90: number;
  /** Malicious addresses among the top N, one per list size. */
  hits: number[];
};

export type TSlice = {
  rows: number;
  malicious: number;
  benign: number;
  listSizes: number[];
  /** Most hits any list of that size could have (min(N, malicious) per day, summed when pooled). */
  oracle: number[];
  /**
   * The best AUC any function of the features could reach on these rows (featureCeilingAuc), when
   * every row has a group; null otherwise.
   */
  ceilingAuc: number | null;
  rankers: Record<TRankerName, TRankerSummary>;
  model: {
    atThreshold: TOperatingPoint;
    atReview: TOperatingPoint;
    atBlock: TOperatingPoint;
    brier: number;
    calibrationError: number;
    reliability: TReliabilityBin[];
  };
};

/**
 * Every number of one set of rows: AUC and sensitivity at 90% specificity for each ranker on the
 * same rows, hits at fixed list sizes (equal scores ordered by a seeded hash of the address, so no
 * list gains from row order), and the model's operating points and calibration.
 */
export function summariseSlice(
  rows: readonly TScoredRow[],
  opts: {
    listSizes: readonly number[];
    threshold: number;
    triage: { block: number; review: number };
    seed: number;
  },
): TSlice {
  const malicious = rows.filter((r) => r.y === 1).length;
  const rank = (name: TRankerName): TRankerSummary => {
    const scores = rows.map((r) => ({ y: r.y, p: r.scores[name] }));
    const ranked = rows.map((r) => ({ y: r.y, score: r.scores[name], tie: sampleKey(opts.seed, r.ip) }));
    return {
      auc: rocAuc(scores),
      sensitivityAtSpec90: sensitivityAtSpecificity(scores, 0.9),
      hits: opts.listSizes.map((n) => hitsAtN(ranked, n)),
    };
  };
  const model = rows.map((r) => ({ y: r.y, p: r.scores.model }));
  const reliability = reliabilityBins(model);
  return {
    rows: rows.length,
    malicious,
    benign: rows.length - malicious,
    listSizes: [...opts.listSizes],
    oracle: opts.listSizes.map((n) => Math.min(n, malicious)),
    ceilingAuc: rows.every((r) => r.group !== undefined)
      ? featureCeilingAuc(rows.map((r) => ({ y: r.y, group: r.group ?? "" })))
      : null,
    rankers: {
      model: rank("model"),
      heuristic: rank("heuristic"),
      lwol: rank("lwol"),
      gwol: rank("gwol"),
      feed: rank("feed"),
    },
    model: {
      atThreshold: operatingPoint(model, opts.threshold),
      atReview: operatingPoint(model, opts.triage.review),
      atBlock: operatingPoint(model, opts.triage.block),
      brier: brierScore(model),
      calibrationError: calibrationError(reliability),
      reliability,
    },
  };
}

/** Per-day hits and oracles summed: a list of size N every day, N capped by that day's rows. */
export function poolHits(days: readonly TSlice[], pooled: TSlice): TSlice {
  const sum = (f: (s: TSlice) => number[]) =>
    pooled.listSizes.map((_, i) => days.reduce((t, s) => t + (f(s)[i] ?? 0), 0));
  const rankers = { ...pooled.rankers };
  for (const name of RANKERS)
    rankers[name] = { ...pooled.rankers[name], hits: sum((s) => s.rankers[name].hits) };
  return { ...pooled, oracle: sum((s) => s.oracle), rankers };
}
