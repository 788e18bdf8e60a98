import { describe, expect, it } from "vitest";
import type { TMetrics } from "@mlsec/core/train";
import { decidePromotion } from "../src/promotion.ts";

const metrics = (auc: number, sensitivity = 0.9, specificity = 0.9): TMetrics => ({
  accuracy: 0.9,
  sensitivity,
  specificity,
  lrPlus: 9,
  lrMinus: 0.1,
  auc,
  confusion: { tp: 9, fp: 1, tn: 9, fn: 1 },
  n: 20,
});

describe("decidePromotion", () => {
  it("compares like with like: a worse candidate of the same scheme stays out", () => {
    const active = { ...metrics(0.95), cvScheme: "address" };
    const candidate = { metrics: metrics(0.9), cvScheme: "address" as const };
    expect(decidePromotion({ candidate, active, verdictsSinceActive: 0 })).toBe(false);
    expect(
      decidePromotion({
        candidate: { ...candidate, metrics: metrics(0.951) },
        active,
        verdictsSinceActive: 0,
      }),
    ).toBe(true);
  });

  it("replaces a model cross-validated by random row folds (older, higher scores) when the candidate separates", () => {
    const old = metrics(0.99); // stored before cvScheme existed
    expect(
      decidePromotion({
        candidate: { metrics: metrics(0.9), cvScheme: "address" },
        active: old,
        verdictsSinceActive: 0,
      }),
    ).toBe(true);
    expect(
      decidePromotion({
        candidate: { metrics: metrics(0.6), cvScheme: "address" },
        active: old,
        verdictsSinceActive: 0,
      }),
    ).toBe(false);
  });

  it("lets verdicts win over the old yardstick, and promotes the first model", () => {
    const active = { ...metrics(0.99), cvScheme: "address" };
    const candidate = { metrics: metrics(0.8), cvScheme: "address" as const };
    expect(decidePromotion({ candidate, active, verdictsSinceActive: 3 })).toBe(true);
    expect(decidePromotion({ candidate, active: null, verdictsSinceActive: 0 })).toBe(true);
  });
});
