import { describe, expect, it } from "vitest";
import { applyFeatureTransform, fitFeatureTransform } from "../../src/train/feature-transform.ts";
import { loadPredictor } from "../../src/train/load-predictor.ts";
import { seededRandom } from "../../src/train/seeded-random.ts";
import { trainModel } from "../../src/train/train-model.ts";
import type { TLabelledRow } from "../../src/train/types.ts";

describe("feature transform", () => {
  it("scales each column by the median of its positive values and keeps order", () => {
    const rows: TLabelledRow[] = [0, 1e-5, 2e-5, 4e-5, 0.5].map((v, i) => ({ x: [v, i, 0], y: 0 }));
    const t = fitFeatureTransform(rows, 3);
    expect(t.logScale).toEqual([4e-5, 3, 0]);
    const out = rows.map((r) => applyFeatureTransform(r.x, t));
    expect(out[1]?.[0]).toBeCloseTo(Math.log1p(0.25), 12);
    // One bad neighbour in a /16 now sits far from none, and a whole bad /24 stays above it.
    expect(out.map((x) => x[0])).toEqual([...out.map((x) => x[0])].sort((a = 0, b = 0) => a - b));
    // A column that is never positive is left as it is.
    expect(out.map((x) => x[2])).toEqual([0, 0, 0, 0, 0]);
  });

  it("scores an address with more evidence than any training row at least as high as the strongest", async () => {
    const rand = seededRandom(3);
    const rows: TLabelledRow[] = [];
    for (let i = 0; i < 120; i++) {
      rows.push({ x: [rand() * 0.01, rand() * 0.2], y: 0 });
      rows.push({ x: [0.02 + rand() * 0.05, 0.5 + rand() * 0.5], y: 1 });
    }
    const model = await trainModel(rows, { folds: 3, c: 8, gamma: 2, threads: 1 });
    const p = await loadPredictor(model);
    try {
      const strongest = p.probability([0.07, 1]);
      // Far past the training range: an RBF kernel alone would fall back to its bias here.
      expect(p.probability([5, 40])).toBeGreaterThanOrEqual(strongest - 1e-9);
      expect(p.probability([0, 0])).toBeLessThan(0.5);
      expect(strongest).toBeGreaterThan(0.5);
    } finally {
      p.close();
    }
  });
});
