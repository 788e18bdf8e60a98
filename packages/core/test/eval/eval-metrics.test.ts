import { describe, expect, it } from "vitest";
import {
  brierScore,
  calibrationError,
  hitsAtN,
  operatingPoint,
  reliabilityBins,
  sensitivityAtSpecificity,
} from "../../src/eval/eval-metrics.ts";

const s = (y: 0 | 1, p: number) => ({ y, p });

describe("eval metrics on hand-computed examples", () => {
  it("Brier score is the mean squared error of the probabilities", () => {
    // (0.9-1)^2 + (0.2-0)^2 + (0.6-0)^2 + (0.3-1)^2 = 0.01 + 0.04 + 0.36 + 0.49 = 0.90, / 4
    expect(brierScore([s(1, 0.9), s(0, 0.2), s(0, 0.6), s(1, 0.3)])).toBeCloseTo(0.225, 12);
    expect(brierScore([])).toBe(0);
  });

  it("reliability bins hold the mean prediction and the observed share per tenth", () => {
    const bins = reliabilityBins([s(1, 0.05), s(0, 0.08), s(1, 0.95), s(1, 1), s(0, 0.55)]);
    expect(bins).toHaveLength(10);
    expect(bins[0]).toEqual({ lo: 0, hi: 0.1, n: 2, meanPredicted: 0.065, observed: 0.5 });
    expect(bins[5]?.n).toBe(1);
    expect(bins[5]?.observed).toBe(0);
    // p = 1 falls in the last bin, not an eleventh.
    expect(bins[9]).toMatchObject({ n: 2, meanPredicted: 0.975, observed: 1 });
    expect(bins[3]).toMatchObject({ n: 0, meanPredicted: 0, observed: 0 });
    // |0.065-0.5|*2 + |0.55-0|*1 + |0.975-1|*2 = 0.87 + 0.55 + 0.05 = 1.47, / 5
    expect(calibrationError(bins)).toBeCloseTo(0.294, 12);
  });

  it("hits at N count malicious rows in the top N, ties ordered by the tie key", () => {
    const rows = [
      { score: 3, tie: 5, y: 0 as const },
      { score: 2, tie: 9, y: 1 as const },
      { score: 2, tie: 1, y: 0 as const },
      { score: 1, tie: 0, y: 1 as const },
    ];
    expect(hitsAtN(rows, 1)).toBe(0);
    // The tie at score 2 goes to tie key 1 (benign) first.
    expect(hitsAtN(rows, 2)).toBe(0);
    expect(hitsAtN(rows, 3)).toBe(1);
    expect(hitsAtN(rows, 100)).toBe(2);
  });

  it("an operating point has the confusion matrix and LR+ = sens / (1 - spec)", () => {
    // threshold 0.5: tp 2 (0.9, 0.7), fn 1 (0.2), fp 1 (0.6), tn 3
    const op = operatingPoint(
      [s(1, 0.9), s(1, 0.7), s(1, 0.2), s(0, 0.6), s(0, 0.1), s(0, 0.3), s(0, 0.4)],
      0.5,
    );
    expect(op).toMatchObject({ tp: 2, fn: 1, fp: 1, tn: 3 });
    expect(op.sensitivity).toBeCloseTo(2 / 3, 12);
    expect(op.specificity).toBeCloseTo(3 / 4, 12);
    expect(op.lrPlus).toBeCloseTo(2 / 3 / (1 / 4), 12);
    expect(operatingPoint([s(1, 0.9), s(0, 0.1)], 0.5).lrPlus).toBeNull();
  });

  it("sensitivity at a specificity flags only rows above the benign quantile", () => {
    const benign = Array.from({ length: 10 }, (_, i) => s(0, i / 10)); // 0.0 .. 0.9
    const rows = [...benign, s(1, 0.95), s(1, 0.85), s(1, 0.5)];
    // 90% specificity over 10 benign rows allows 1 false positive: the cut is the 2nd highest (0.8).
    expect(sensitivityAtSpecificity(rows, 0.9)).toBeCloseTo(2 / 3, 12);
    // 100%: nothing above 0.9 but 0.95.
    expect(sensitivityAtSpecificity(rows, 1)).toBeCloseTo(1 / 3, 12);
    // A constant score buys nothing: ties with the cut are not flagged.
    expect(sensitivityAtSpecificity([s(0, 1), s(0, 1), s(1, 1)], 0.5)).toBe(0);
  });
});
