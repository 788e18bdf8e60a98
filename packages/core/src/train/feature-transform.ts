import type { TLabelledRow } from "./types.ts";

/**
 * Log compression of each feature before min-max scaling: x' = ln(1 + x / s), with s the median
 * of the feature's positive training values. Rank densities are heavy-tailed (one bad address in
 * a /16 is 1.5e-5, a scanning /24 reaches 0.5), so on a linear [0, 1] scale nearly every row sat
 * within a hair of zero and the RBF kernel could not tell one bad neighbour from none. Monotone,
 * so more evidence still reads as more. Fitted without labels, on the training rows only.
 */
export type TFeatureTransform = { logScale: number[] };

/** The transform for these rows; a feature with no positive value keeps s = 0 (left as it is). */
export function fitFeatureTransform(rows: readonly TLabelledRow[], d: number): TFeatureTransform {
  const logScale: number[] = [];
  for (let j = 0; j < d; j++) {
    const positive: number[] = [];
    for (const r of rows) {
      const v = r.x[j] ?? 0;
      if (v > 0) positive.push(v);
    }
    positive.sort((a, b) => a - b);
    logScale.push(positive.length > 0 ? (positive[positive.length >> 1] ?? 0) : 0);
  }
  return { logScale };
}

/** One row in the model's space. Negative values (none of ours) stay linear. */
export function applyFeatureTransform(x: readonly number[], t: TFeatureTransform | undefined): number[] {
  if (!t) return [...x];
  return x.map((v, j) => {
    const s = t.logScale[j] ?? 0;
    return s > 0 && v > 0 ? Math.log1p(v / s) : v;
  });
}
