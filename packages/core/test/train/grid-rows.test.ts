import { describe, expect, it } from "vitest";
import { trainModel } from "../../src/train/index.ts";
import { syntheticRows } from "./synthetic-rows.ts";

// gridRows: the grid search picks (C, gamma) on a sample; the model's metrics still cover every row.
describe("trainModel with gridRows", () => {
  const rows = syntheticRows(900, 3, 11);
  const grid = { c: [0.5, 8, 128], gamma: [0.03125, 0.5, 2] };

  it("scores the chosen point on every row, and chooses as the full grid would on an easy problem", async () => {
    const sampled = await trainModel(rows, { folds: 5, grid, gridRows: 300, threads: 2 });
    const full = await trainModel(rows, { folds: 5, grid, threads: 2 });
    // The grid ran on a sample of each class in proportion, the full one on every row.
    expect(sampled.gridRows).toBeGreaterThanOrEqual(299);
    expect(sampled.gridRows).toBeLessThanOrEqual(301);
    expect(full.gridRows).toBe(900);
    // The metrics are the chosen point's cross-validation on all 900 rows, not on the 300.
    expect(sampled.metrics.n).toBe(900);
    const { tp, fp, tn, fn } = sampled.metrics.confusion;
    expect(tp + fp + tn + fn).toBe(900);
    // Exactly the cross-validation at the chosen (C, gamma) on every row with the same folds.
    const again = await trainModel(rows, { folds: 5, c: sampled.c, gamma: sampled.gamma, threads: 2 });
    expect(sampled.metrics).toEqual(again.metrics);
    expect(full.metrics.n).toBe(900);
    // A third of the rows picks a point whose AUC on all rows is within 0.02 of the full grid's pick.
    expect(sampled.metrics.auc).toBeGreaterThan(full.metrics.auc - 0.02);
    expect(sampled.svm).toMatch(/^probA /m);
  });

  it("leaves a training at or under gridRows as it was", async () => {
    const a = await trainModel(rows.slice(0, 200), { folds: 5, grid, gridRows: 300, threads: 2 });
    const b = await trainModel(rows.slice(0, 200), { folds: 5, grid, threads: 2 });
    expect(a.gridRows).toBe(200);
    expect([a.c, a.gamma, a.metrics]).toEqual([b.c, b.gamma, b.metrics]);
  });
});
