import { computeMetrics, type TScore } from "../train/metrics.ts";

/** A confusion matrix at one threshold and the ratios read off it. */
export type TOperatingPoint = {
  threshold: number;
  sensitivity: number;
  specificity: number;
  /** sensitivity / (1 - specificity); null when there are no false positives. */
  lrPlus: number | null;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
};

/** One reliability bin: predictions in [lo, hi), their mean and the share that was malicious. */
export type TReliabilityBin = { lo: number; hi: number; n: number; meanPredicted: number; observed: number };

export function operatingPoint(scores: readonly TScore[], threshold: number): TOperatingPoint {
  const m = computeMetrics(scores, threshold);
  return {
    threshold,
    sensitivity: m.sensitivity,
    specificity: m.specificity,
    lrPlus: m.lrPlus,
    ...m.confusion,
  };
}

/** Mean squared error of the probabilities against the 0/1 outcome (0 perfect, 0.25 a coin at 0.5). */
export function brierScore(scores: readonly TScore[]): number {
  if (scores.length === 0) return 0;
  let s = 0;
  for (const { y, p } of scores) s += (p - y) ** 2;
  return s / scores.length;
}

/** Equal-width bins over [0, 1] (the last one closed): what a reliability chart draws. */
export function reliabilityBins(scores: readonly TScore[], bins = 10): TReliabilityBin[] {
  const acc = Array.from({ length: bins }, () => ({ n: 0, p: 0, y: 0 }));
  for (const { y, p } of scores) {
    const b = acc[Math.min(bins - 1, Math.max(0, Math.floor(p * bins)))];
    if (!b) continue;
    b.n++;
    b.p += p;
    b.y += y;
  }
  return acc.map((b, i) => ({
    lo: i / bins,
    hi: (i + 1) / bins,
    n: b.n,
    meanPredicted: b.n ? b.p / b.n : 0,
    observed: b.n ? b.y / b.n : 0,
  }));
}

/** Expected calibration error: the bins' |mean predicted - observed|, weighted by their rows. */
export function calibrationError(bins: readonly TReliabilityBin[]): number {
  const n = bins.reduce((s, b) => s + b.n, 0);
  return n === 0 ? 0 : bins.reduce((s, b) => s + b.n * Math.abs(b.meanPredicted - b.observed), 0) / n;
}

/** A ranked candidate: higher score first, `tie` (a seeded hash) orders equal scores so no list gains from input order. */
export type TRanked = { score: number; tie: number; y: 0 | 1 };

/** Malicious rows among the top `n` (all rows when fewer): a blocklist of size n's hits. */
export function hitsAtN(rows: readonly TRanked[], n: number): number {
  const sorted = [...rows].sort((a, b) => b.score - a.score || a.tie - b.tie);
  let hits = 0;
  for (let i = 0; i < Math.min(n, sorted.length); i++) hits += sorted[i]?.y ?? 0;
  return hits;
}

/**
 * Sensitivity at the strictest threshold whose specificity is at least `specificity`: rows scoring
 * above the benign score at that quantile are flagged (ties with it are not, so equal scores never
 * buy sensitivity with false positives).
 */
export function sensitivityAtSpecificity(scores: readonly TScore[], specificity: number): number {
  const benign = scores
    .filter((s) => s.y === 0)
    .map((s) => s.p)
    .sort((a, b) => b - a);
  const malicious = scores.filter((s) => s.y === 1);
  if (malicious.length === 0) return 0;
  const allowedFp = Math.floor((1 - specificity) * benign.length + 1e-9);
  const cut = benign[allowedFp] ?? -Infinity;
  return malicious.filter((s) => s.p > cut).length / malicious.length;
}
