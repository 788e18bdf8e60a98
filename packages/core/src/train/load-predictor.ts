import { applyFeatureTransform } from "./feature-transform.ts";
import { plattProbability } from "./platt-scaling.ts";
import { decisionValue, parseSvmModel, scaleRow } from "./svm-math.mjs";
import type { TTrainedModel } from "./types.ts";

export type TPredictor = {
  probability(x: readonly number[]): number;
  decision(x: readonly number[]): number;
  close(): void;
};

/**
 * Scores rows with a trained model in plain JavaScript (RBF kernel over the stored support vectors):
 * no WebAssembly instance to load or free, and the same code the training workers score folds with.
 * Async and with close() so a different backend can slot in without changing callers.
 */
export function loadPredictor(model: TTrainedModel): Promise<TPredictor> {
  const d = model.scaler.min.length;
  const svm = parseSvmModel(model.svm, d);
  const decision = (x: readonly number[]): number =>
    decisionValue(svm, scaleRow(applyFeatureTransform(x, model.transform), model.scaler));
  return Promise.resolve({
    decision,
    probability: (x) => plattProbability(decision(x), model.platt),
    close: () => undefined,
  });
}
