import type { TTrainedModel } from "@mlsec/core/train";

/**
 * What the model registry row keeps for the portal's model page: the cross-validated metrics at
 * the top level (so ZMetrics still parses the row for promotion), plus the ROC points, baseline,
 * hyperparameters and label counts. The model artefact in S3 stays the source of truth.
 */
export function modelRegistryMetrics(model: TTrainedModel) {
  return {
    ...model.metrics,
    roc: model.roc ?? [],
    baseline: model.baseline ?? null,
    c: model.c,
    gamma: model.gamma,
    threshold: model.threshold,
    folds: model.folds,
    cvScheme: model.cvScheme ?? "rows",
    labelCounts: model.labelCounts,
    dataWindow: model.dataWindow ?? null,
  };
}
