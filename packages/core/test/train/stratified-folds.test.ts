import { describe, expect, it } from "vitest";
import { stratifiedFolds } from "../../src/train/index.ts";

describe("stratifiedFolds", () => {
  const labels = Array.from({ length: 103 }, (_, i): 0 | 1 => (i % 4 === 0 ? 1 : 0));

  it("keeps each fold's class mix and sizes within one row", () => {
    const fold = stratifiedFolds(labels, 10, 7);
    const sizes = new Array<number>(10).fill(0);
    const pos = new Array<number>(10).fill(0);
    fold.forEach((f, i) => {
      sizes[f] = (sizes[f] ?? 0) + 1;
      if (labels[i] === 1) pos[f] = (pos[f] ?? 0) + 1;
    });
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    expect(Math.max(...pos) - Math.min(...pos)).toBeLessThanOrEqual(1);
  });

  it("is reproducible from the seed and changes with it", () => {
    expect(stratifiedFolds(labels, 5, 3)).toEqual(stratifiedFolds(labels, 5, 3));
    expect(stratifiedFolds(labels, 5, 3)).not.toEqual(stratifiedFolds(labels, 5, 4));
  });

  it("rejects fewer than two folds", () => {
    expect(() => stratifiedFolds(labels, 1, 1)).toThrow();
  });
});
