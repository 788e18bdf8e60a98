import { computeMetrics } from "./metrics.ts";
import { baselineMetrics, trainModel } from "./train-model.ts";
import { loadPredictor } from "./load-predictor.ts";
import type { TLabelledRow, TMetrics, TTrainedModel, TTrainOptions } from "./types.ts";

export type TBacktest = {
  model: TTrainedModel;
  metrics: TMetrics;
  baseline?: TMetrics;
  trainRows: number;
  testRows: number;
};

/**
 * Time-split backtest: train on the data set as of day D (`train`: labels and features before D) and
 * score day D's new arrivals (`test`: addresses first seen on D, features from before D). The test
 * metrics are what a security team sees on fresh logs, unlike cross-validated ones.
 */
export async function backtest(
  train: readonly TLabelledRow[],
  test: readonly TLabelledRow[],
  opts: TTrainOptions = {},
): Promise<TBacktest> {
  const model = await trainModel(train, opts);
  const predictor = await loadPredictor(model);
  try {
    const scores = test.map((r) => ({ y: r.y, p: predictor.probability(r.x) }));
    return {
      model,
      metrics: computeMetrics(scores, model.threshold),
      baseline: opts.featureNames ? baselineMetrics(test, opts.featureNames) : undefined,
      trainRows: train.length,
      testRows: test.length,
    };
  } finally {
    predictor.close();
  }
}
