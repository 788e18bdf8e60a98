import type { TMetrics } from "./types.ts";

/**
 * A candidate replaces the current model only if it is not worse: its ROC AUC and its balanced
 * accuracy ((sensitivity + specificity) / 2) may not fall more than `tolerance` below the current
 * model's. Balanced accuracy rather than accuracy because the class mix changes between training runs.
 */
export function shouldPromote(candidate: TMetrics, current: TMetrics | null, tolerance = 0.005): boolean {
  if (candidate.n === 0) return false;
  if (current === null) return true;
  const balanced = (m: TMetrics): number => (m.sensitivity + m.specificity) / 2;
  return candidate.auc >= current.auc - tolerance && balanced(candidate) >= balanced(current) - tolerance;
}
