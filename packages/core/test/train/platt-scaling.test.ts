import { describe, expect, it } from "vitest";
import { fitPlatt, plattProbability, seededRandom } from "../../src/train/index.ts";

describe("fitPlatt", () => {
  it("recovers the sigmoid that generated the labels", () => {
    const rand = seededRandom(11);
    const truth = { a: -2, b: 0.5 };
    const f: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < 20000; i++) {
      const v = rand() * 6 - 3;
      f.push(v);
      y.push(rand() < plattProbability(v, truth) ? 1 : 0);
    }
    const fit = fitPlatt(f, y);
    expect(fit.a).toBeCloseTo(truth.a, 1);
    expect(fit.b).toBeCloseTo(truth.b, 1);
  });

  it("gives probabilities in (0, 1) that rise with the decision value even at extremes", () => {
    const platt = { a: -3, b: 0 };
    expect(plattProbability(-1000, platt)).toBeGreaterThanOrEqual(0);
    expect(plattProbability(1000, platt)).toBeLessThanOrEqual(1);
    expect(plattProbability(1, platt)).toBeGreaterThan(plattProbability(0, platt));
  });
});
