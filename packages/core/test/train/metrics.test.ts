import { describe, expect, it } from "vitest";
import { computeMetrics, rocAuc, rocCurve } from "../../src/train/index.ts";

// Builds scores with a known confusion matrix: tp/fn malicious rows and fp/tn benign rows.
function scoresFor(tp: number, fn: number, fp: number, tn: number): { y: 0 | 1; p: number }[] {
  return [
    ...Array.from({ length: tp }, () => ({ y: 1 as const, p: 0.9 })),
    ...Array.from({ length: fn }, () => ({ y: 1 as const, p: 0.1 })),
    ...Array.from({ length: fp }, () => ({ y: 0 as const, p: 0.8 })),
    ...Array.from({ length: tn }, () => ({ y: 0 as const, p: 0.2 })),
  ];
}

describe("computeMetrics", () => {
  it("matches a hand-computed confusion matrix (tp 3, fn 2, fp 1, tn 4)", () => {
    const m = computeMetrics(scoresFor(3, 2, 1, 4));
    expect(m.confusion).toEqual({ tp: 3, fp: 1, tn: 4, fn: 2 });
    expect(m.n).toBe(10);
    expect(m.accuracy).toBeCloseTo(7 / 10, 12);
    expect(m.sensitivity).toBeCloseTo(3 / 5, 12);
    expect(m.specificity).toBeCloseTo(4 / 5, 12);
    expect(m.lrPlus).toBeCloseTo(0.6 / 0.2, 12); // 3
    expect(m.lrMinus).toBeCloseTo(0.4 / 0.8, 12); // 0.5
  });

  it("matches a second, unbalanced matrix (tp 80, fn 20, fp 150, tn 850)", () => {
    const m = computeMetrics(scoresFor(80, 20, 150, 850));
    expect(m.accuracy).toBeCloseTo(930 / 1100, 12);
    expect(m.sensitivity).toBeCloseTo(0.8, 12);
    expect(m.specificity).toBeCloseTo(0.85, 12);
    expect(m.lrPlus).toBeCloseTo(0.8 / 0.15, 12);
    expect(m.lrMinus).toBeCloseTo(0.2 / 0.85, 12);
  });

  it("reports LR+ as null when there are no false positives, LR- 0 when nothing is missed", () => {
    const m = computeMetrics(scoresFor(4, 0, 0, 6));
    expect(m.accuracy).toBe(1);
    expect(m.lrPlus).toBeNull();
    expect(m.lrMinus).toBe(0);
    expect(m.auc).toBe(1);
  });

  it("moves rows across the threshold", () => {
    const scores = [
      { y: 1 as const, p: 0.7 },
      { y: 0 as const, p: 0.6 },
      { y: 1 as const, p: 0.4 },
      { y: 0 as const, p: 0.3 },
    ];
    expect(computeMetrics(scores, 0.5).confusion).toEqual({ tp: 1, fp: 1, tn: 1, fn: 1 });
    expect(computeMetrics(scores, 0.35).confusion).toEqual({ tp: 2, fp: 1, tn: 1, fn: 0 });
    expect(computeMetrics(scores, 0.65).confusion).toEqual({ tp: 1, fp: 0, tn: 2, fn: 1 });
  });
});

describe("rocAuc", () => {
  it("counts ordered pairs by hand", () => {
    // Positives 0.9, 0.4; negatives 0.6, 0.3: pairs (0.9>0.6)(0.9>0.3)(0.4<0.6)(0.4>0.3) -> 3 of 4.
    const scores = [
      { y: 1 as const, p: 0.9 },
      { y: 1 as const, p: 0.4 },
      { y: 0 as const, p: 0.6 },
      { y: 0 as const, p: 0.3 },
    ];
    expect(rocAuc(scores)).toBeCloseTo(0.75, 12);
  });

  it("counts ties as half", () => {
    const scores = [
      { y: 1 as const, p: 0.5 },
      { y: 0 as const, p: 0.5 },
      { y: 1 as const, p: 0.8 },
      { y: 0 as const, p: 0.1 },
    ];
    // pairs: (0.5 vs 0.5) 0.5, (0.5 > 0.1) 1, (0.8 > 0.5) 1, (0.8 > 0.1) 1 -> 3.5 / 4
    expect(rocAuc(scores)).toBeCloseTo(0.875, 12);
  });

  it("is 0 for a perfectly inverted score and 0.5 with one class", () => {
    expect(
      rocAuc([
        { y: 1, p: 0.1 },
        { y: 0, p: 0.9 },
      ]),
    ).toBe(0);
    expect(rocAuc([{ y: 1, p: 0.1 }])).toBe(0.5);
  });

  it("equals the trapezoid area under rocCurve", () => {
    const scores = Array.from({ length: 200 }, (_, i): { y: 0 | 1; p: number } => ({
      y: i % 3 === 0 ? 1 : 0,
      p: ((i * 37) % 101) / 100 + (i % 3 === 0 ? 0.2 : 0),
    }));
    const curve = rocCurve(scores);
    let area = 0;
    for (let i = 1; i < curve.length; i++) {
      const a = curve[i - 1];
      const b = curve[i];
      if (a && b) area += ((b.fpr - a.fpr) * (a.tpr + b.tpr)) / 2;
    }
    expect(rocAuc(scores)).toBeCloseTo(area, 10);
    expect(curve[0]).toEqual({ fpr: 0, tpr: 0, threshold: Infinity });
    expect(curve.at(-1)).toMatchObject({ fpr: 1, tpr: 1 });
  });
});
