import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import {
  backtest,
  crossValidate,
  loadPredictor,
  parseTrainedModel,
  serializeTrainedModel,
  trainModel,
  type TLabelledRow,
} from "../../src/train/index.ts";
import { balancedWeights } from "../../src/train/cross-validate.ts";
import { applyFeatureTransform } from "../../src/train/feature-transform.ts";
import { scaleRow } from "../../src/train/svm-math.mjs";
import { syntheticRows } from "./synthetic-rows.ts";

type TLibsvmJs = {
  load(text: string): {
    predictOne(x: number[]): number;
    predictOneProbability(x: number[]): {
      prediction: number;
      estimates: { label: number; probability: number }[];
    };
    free(): void;
  };
};
const require = createRequire(import.meta.url);

describe("trainModel", () => {
  const rows = syntheticRows(400, 3, 5);

  it("cross-validates, fits, and its probabilities match libsvm's own on the stored model text", async () => {
    const model = await trainModel(rows, { folds: 5, c: 1, gamma: 0.5, threads: 2 });
    expect(model.folds).toBe(5);
    expect(model.cvAccuracy).toBeGreaterThan(0.85);
    expect(model.metrics.auc).toBeGreaterThan(0.9);
    expect(model.labelCounts.malicious + model.labelCounts.benign).toBe(400);
    expect(model.svm).toMatch(/^probA /m);

    const predictor = await loadPredictor(model);
    const SVM = (await (require("libsvm-js") as Promise<TLibsvmJs>)) satisfies TLibsvmJs;
    const native = SVM.load(model.svm);
    try {
      for (const r of rows.slice(0, 40)) {
        // The model's space: the stored log transform, then the stored scaler.
        const scaled = scaleRow(applyFeatureTransform(r.x, model.transform), model.scaler);
        const est = native.predictOneProbability(scaled).estimates.find((e) => e.label === 1);
        expect(predictor.probability(r.x)).toBeCloseTo(est?.probability ?? NaN, 6);
        expect(predictor.decision(r.x) > 0 ? 1 : 0).toBe(native.predictOne(scaled));
      }
    } finally {
      native.free();
      predictor.close();
    }
  });

  it("grid-searches C and gamma and picks a point of the grid", async () => {
    const model = await trainModel(rows, { folds: 4, grid: { c: [0.1, 10], gamma: [0.05, 2] }, threads: 2 });
    expect([0.1, 10]).toContain(model.c);
    expect([0.05, 2]).toContain(model.gamma);
    expect(model.metrics.auc).toBeGreaterThan(0.9);
  });

  it("survives serialisation", async () => {
    const model = await trainModel(rows.slice(0, 150), { folds: 3, c: 1, gamma: 0.5, threads: 1 });
    const back = parseTrainedModel(serializeTrainedModel(model));
    expect(back).toEqual(model);
    const a = await loadPredictor(model);
    const b = await loadPredictor(back);
    expect(b.probability(rows[0]?.x ?? [])).toBe(a.probability(rows[0]?.x ?? []));
  });

  it("reports the no-learning baseline when features have rank names", async () => {
    const model = await trainModel(rows.slice(0, 200), {
      folds: 3,
      c: 1,
      gamma: 0.5,
      threads: 2,
      featureNames: ["ip", "net24", "asn"],
    });
    expect(model.baseline?.n).toBe(200);
    expect(model.baseline?.auc).toBeGreaterThan(0.5);
  });
});

describe("crossValidate", () => {
  it("is reproducible from its seed", async () => {
    const rows = syntheticRows(200, 2, 9, 1);
    const a = await crossValidate(rows, { folds: 5, c: 1, gamma: 1, seed: 3, threads: 2 });
    const b = await crossValidate(rows, { folds: 5, c: 1, gamma: 1, seed: 3, threads: 1 });
    expect(b.accuracy).toBe(a.accuracy);
    expect(Array.from(b.decisions)).toEqual(Array.from(a.decisions));
    expect(a.metrics.n).toBe(200);
  });

  it("refuses a single-class data set", async () => {
    const rows = syntheticRows(50, 2, 1).map((r) => ({ ...r, y: 1 as const }));
    await expect(crossValidate(rows, { folds: 5, threads: 1 })).rejects.toThrow(/both classes/);
  });
});

describe("class balancing", () => {
  it("gives both classes the same total weight", () => {
    const y = Int8Array.from({ length: 100 }, (_, i) => (i < 10 ? 1 : 0));
    const w = balancedWeights(y);
    expect((w["1"] ?? 0) * 10).toBeCloseTo((w["0"] ?? 0) * 90, 12);
    expect(w["1"]).toBeCloseTo(5, 12);
  });

  it("keeps sensitivity up on a 1:9 data set", async () => {
    const rows = syntheticRows(600, 2, 21, 1.2).map((r, i): TLabelledRow => ({
      ...r,
      y: r.y === 1 && i % 5 === 0 ? 1 : 0,
    }));
    const cv = await crossValidate(rows, { folds: 5, c: 1, gamma: 1, threads: 2 });
    // With the minority class weighted up, most positives land on the malicious side.
    const positives = rows.filter((r) => r.y === 1).length;
    expect(positives).toBeLessThan(rows.length / 8);
    expect(cv.metrics.auc).toBeGreaterThan(0.75);
    const flagged = Array.from(cv.decisions).filter((f, i) => f > 0 && rows[i]?.y === 1).length;
    expect(flagged / positives).toBeGreaterThan(0.6);
  });
});

describe("backtest", () => {
  it("scores the held-out day with the model trained before it", async () => {
    const train = syntheticRows(200, 3, 2);
    const test = syntheticRows(80, 3, 3);
    const result = await backtest(train, test, { folds: 3, c: 1, gamma: 0.5, threads: 2 });
    expect(result.metrics.n).toBe(80);
    expect(result.testRows).toBe(80);
    expect(result.metrics.auc).toBeGreaterThan(0.85);
  });
});

describe("baselineColumns", () => {
  it("takes the IP, /24 and /16 rank columns of the ranking engine's names", async () => {
    const { FEATURE_NAMES } = await import("../../src/rank/index.ts");
    const { baselineColumns, baselineScore } = await import("../../src/train/index.ts");
    const cols = baselineColumns(FEATURE_NAMES).map((i) => FEATURE_NAMES[i]);
    expect(cols.length).toBeGreaterThan(0);
    expect(cols.every((n) => /^(ip|net1|net2):/.test(n ?? ""))).toBe(true);
    const x = FEATURE_NAMES.map((_, i) => i + 1);
    expect(baselineScore(x, FEATURE_NAMES)).toBe(
      baselineColumns(FEATURE_NAMES).reduce((s, i) => s + i + 1, 0),
    );
  });
});
