import type { TMetrics } from "./types.ts";

export type TScore = { y: 0 | 1; p: number };

/** Confusion matrix and the ratios a security team checks; p >= threshold counts as malicious. */
export function computeMetrics(scores: readonly TScore[], threshold = 0.5): TMetrics {
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (const s of scores) {
    const flagged = s.p >= threshold;
    if (s.y === 1) {
      if (flagged) tp++;
      else fn++;
    } else if (flagged) fp++;
    else tn++;
  }
  const n = scores.length;
  const sensitivity = ratio(tp, tp + fn);
  const specificity = ratio(tn, tn + fp);
  return {
    accuracy: ratio(tp + tn, n),
    sensitivity,
    specificity,
    lrPlus: likelihoodRatio(sensitivity, 1 - specificity),
    lrMinus: likelihoodRatio(1 - sensitivity, specificity),
    auc: rocAuc(scores),
    confusion: { tp, fp, tn, fn },
    n,
  };
}

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

// Infinite or undefined ratios become null so the metrics survive JSON (and say "undefined" honestly).
function likelihoodRatio(num: number, den: number): number | null {
  if (den === 0) return null;
  return num / den;
}

/**
 * ROC AUC as the Mann-Whitney probability that a random malicious row outscores a random benign one
 * (ties count half). 0.5 when a class is missing.
 */
export function rocAuc(scores: readonly TScore[]): number {
  const sorted = [...scores].sort((a, b) => a.p - b.p);
  let pos = 0;
  let neg = 0;
  let rankSumPos = 0;
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j < sorted.length && sorted[j]?.p === sorted[i]?.p) j++;
    const midRank = (i + 1 + j) / 2; // 1-based average rank of the tie group
    for (let t = i; t < j; t++) {
      if (sorted[t]?.y === 1) {
        pos++;
        rankSumPos += midRank;
      } else neg++;
    }
    i = j;
  }
  if (pos === 0 || neg === 0) return 0.5;
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** ROC points from the strictest threshold down, starting at (0, 0) and ending at (1, 1). */
export function rocCurve(scores: readonly TScore[]): { fpr: number; tpr: number; threshold: number }[] {
  const sorted = [...scores].sort((a, b) => b.p - a.p);
  const pos = scores.filter((s) => s.y === 1).length;
  const neg = scores.length - pos;
  const out = [{ fpr: 0, tpr: 0, threshold: Infinity }];
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < sorted.length;) {
    const p = sorted[i]?.p ?? 0;
    while (i < sorted.length && sorted[i]?.p === p) {
      if (sorted[i]?.y === 1) tp++;
      else fp++;
      i++;
    }
    out.push({ fpr: neg ? fp / neg : 0, tpr: pos ? tp / pos : 0, threshold: p });
  }
  return out;
}
