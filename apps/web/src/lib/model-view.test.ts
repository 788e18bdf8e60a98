import { describe, expect, it } from "vitest";
import { readModelMetrics } from "./model-view.ts";

const metrics = {
  accuracy: 0.9,
  sensitivity: 0.8,
  specificity: 0.95,
  lrPlus: 16,
  lrMinus: null,
  auc: 0.93,
  confusion: { tp: 8, fp: 1, tn: 19, fn: 2 },
  n: 30,
};

describe("readModelMetrics", () => {
  it("reads core's metrics with an ROC curve in point or column form", () => {
    const points = readModelMetrics({
      ...metrics,
      roc: [
        { fpr: 0, tpr: 0, threshold: 1 },
        { fpr: 1, tpr: 1 },
      ],
    });
    expect(points.metrics).toMatchObject({ auc: 0.93, lrMinus: null, confusion: { tp: 8, fn: 2 } });
    expect(points.metrics.roc).toEqual([
      { fpr: 0, tpr: 0 },
      { fpr: 1, tpr: 1 },
    ]);
    const columns = readModelMetrics({ ...metrics, roc: { fpr: [0, 0.5, 1], tpr: [0, 0.9, 1] } });
    expect(columns.metrics.roc?.[1]).toEqual({ fpr: 0.5, tpr: 0.9 });
    expect(columns.baseline).toBeNull();
    expect(columns.training).toEqual({
      c: null,
      gamma: null,
      threshold: null,
      folds: null,
      labelCounts: null,
      dataWindow: null,
    });
  });

  it("survives a row without a curve, a bad field or no metrics at all", () => {
    const read = readModelMetrics({
      ...metrics,
      auc: "high",
      roc: [{ fpr: 0, tpr: 0 }],
      baseline: { auc: 0.7 },
    });
    expect(read.metrics.auc).toBeNull();
    expect(read.metrics.roc).toBeNull();
    expect(read.baseline?.auc).toBe(0.7);
    const trained = readModelMetrics({
      ...metrics,
      c: 8,
      gamma: 0.5,
      folds: "ten",
      labelCounts: { malicious: 3 },
    });
    expect(trained.training).toMatchObject({ c: 8, gamma: 0.5, folds: null, labelCounts: null });
    expect(readModelMetrics(null).metrics.confusion).toBeNull();
  });
});
