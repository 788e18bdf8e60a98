import { rocCurve, type TScore } from "./metrics.ts";
import type { TRocPoint } from "./types.ts";

/**
 * The ROC curve of out-of-fold scores thinned to about `points` points for drawing: the first
 * (0, 0) and last (1, 1) points stay, the rest are taken evenly along the curve's steps. The
 * strictest threshold (+Infinity) is stored as null, since JSON has no infinity.
 */
export function downsampleRoc(scores: readonly TScore[], points = 50): TRocPoint[] {
  const full = rocCurve(scores);
  const n = full.length;
  const k = Math.max(2, Math.min(points, n));
  const picked = new Set<number>();
  for (let i = 0; i < k; i++) picked.add(Math.round((i * (n - 1)) / (k - 1)));
  return [...picked]
    .sort((a, b) => a - b)
    .flatMap((i) => {
      const p = full[i];
      return p
        ? [{ fpr: p.fpr, tpr: p.tpr, threshold: Number.isFinite(p.threshold) ? p.threshold : null }]
        : [];
    });
}
