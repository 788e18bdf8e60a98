import { shouldPromote, ZMetrics, ZTrainedModel, type TTrainedModel } from "@mlsec/core/train";

/** A candidate trained on corrected labels must still rank better than chance by this much. */
export const MIN_AUC_AFTER_VERDICTS = 0.7;

// Only the scheme of the stored metrics is read here.
const ZCvScheme = ZTrainedModel.pick({ cvScheme: true });

/**
 * Whether a freshly trained model replaces the active one. Normally only if it is not worse
 * (shouldPromote). Two cases where the active model's stored metrics are no yardstick, and a
 * candidate that still separates the classes (AUC >= 0.7) replaces it:
 * - analysts gave verdicts since it was made: it was measured on labels they have corrected (a
 *   person's verdict must win over automation, visibly);
 * - it was cross-validated another way: address folds score the same model lower than the
 *   random row folds of older models, so a like-for-like check would keep the old one forever.
 */
export function decidePromotion(opts: {
  candidate: Pick<TTrainedModel, "metrics" | "cvScheme">;
  /** The active model's stored registry metrics (JSON), or null without an active model. */
  active: unknown;
  verdictsSinceActive: number;
}): boolean {
  if (opts.active === null) return shouldPromote(opts.candidate.metrics, null);
  const separates = opts.candidate.metrics.auc >= MIN_AUC_AFTER_VERDICTS;
  if (opts.verdictsSinceActive > 0 && separates) return true;
  const activeScheme = ZCvScheme.safeParse(opts.active).data?.cvScheme ?? "rows";
  if (activeScheme !== (opts.candidate.cvScheme ?? "rows") && separates) return true;
  const current = ZMetrics.safeParse(opts.active);
  return shouldPromote(opts.candidate.metrics, current.success ? current.data : null);
}
