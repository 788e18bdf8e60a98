import { describe, expect, it } from "vitest";
import { computeMetrics, shouldPromote } from "../../src/train/index.ts";

// Metrics from explicit scores: `good` separates better than `worse`.
const good = computeMetrics([
  { y: 1, p: 0.9 },
  { y: 1, p: 0.8 },
  { y: 1, p: 0.7 },
  { y: 0, p: 0.3 },
  { y: 0, p: 0.2 },
  { y: 0, p: 0.6 },
]);
const worse = computeMetrics([
  { y: 1, p: 0.9 },
  { y: 1, p: 0.4 },
  { y: 1, p: 0.3 },
  { y: 0, p: 0.7 },
  { y: 0, p: 0.2 },
  { y: 0, p: 0.6 },
]);

describe("shouldPromote", () => {
  it("does not promote a model that is worse than the current one", () => {
    expect(worse.auc).toBeLessThan(good.auc);
    expect(shouldPromote(worse, good)).toBe(false);
  });

  it("promotes a better or equal model, and the first model", () => {
    expect(shouldPromote(good, worse)).toBe(true);
    expect(shouldPromote(good, good)).toBe(true);
    expect(shouldPromote(worse, null)).toBe(true);
  });

  it("refuses a model whose AUC holds but whose balanced accuracy drops", () => {
    const sameAucWorseThreshold = computeMetrics(
      [
        { y: 1, p: 0.9 },
        { y: 1, p: 0.8 },
        { y: 1, p: 0.7 },
        { y: 0, p: 0.3 },
        { y: 0, p: 0.2 },
        { y: 0, p: 0.6 },
      ],
      0.95,
    );
    expect(sameAucWorseThreshold.auc).toBe(good.auc);
    expect(shouldPromote(sameAucWorseThreshold, good)).toBe(false);
  });

  it("never promotes a model evaluated on nothing", () => {
    expect(shouldPromote(computeMetrics([]), null)).toBe(false);
  });
});
