import { describe, expect, it } from "vitest";
import { decayHorizonDays, decayWeight, MISP_NIDS_DECAY, ZDecay } from "../../src/rank/decay.ts";

const sixDays = { kind: "exponential", halfLifeDays: 6, horizonDays: 90 } as const;

describe("exponential decay", () => {
  it("halves every half-life", () => {
    expect(decayWeight(sixDays, 6)).toBe(0.5);
    expect(decayWeight(sixDays, 12)).toBe(0.25);
    expect(decayWeight(sixDays, 18)).toBe(0.125);
    // 2^(-1/6) by hand: e^(-ln2/6) = 0.890898718...
    expect(decayWeight(sixDays, 1)).toBeCloseTo(0.8908987181, 9);
  });

  it("drops contributions past the horizon and keeps the horizon day", () => {
    expect(decayWeight(sixDays, 90)).toBeCloseTo(2 ** -15, 12);
    expect(decayWeight(sixDays, 91)).toBe(0);
    expect(decayHorizonDays(sixDays)).toBe(90);
  });

  it("accepts half-lives 1..60 only", () => {
    expect(ZDecay.safeParse({ ...sixDays, halfLifeDays: 0.5 }).success).toBe(false);
    expect(ZDecay.safeParse({ ...sixDays, halfLifeDays: 61 }).success).toBe(false);
    expect(ZDecay.safeParse({ ...sixDays, halfLifeDays: 60 }).success).toBe(true);
  });
});

describe("polynomial decay (MISP / OpenCTI)", () => {
  it("follows 1 - (t/tau)^(1/delta)", () => {
    // MISP NIDS: tau 120, delta 2. t = 30: 1 - sqrt(1/4) = 0.5; t = 7.5: 1 - sqrt(1/16) = 0.75.
    expect(decayWeight(MISP_NIDS_DECAY, 30)).toBe(0.5);
    expect(decayWeight(MISP_NIDS_DECAY, 7.5)).toBe(0.75);
    // OpenCTI IP rule with pound 0.55 is delta 1.65: t = L/2 gives 1 - 0.5^(1/1.65).
    expect(decayWeight({ kind: "polynomial", lifetimeDays: 47, decaySpeed: 1.65 }, 23.5)).toBeCloseTo(
      1 - 0.5 ** (1 / 1.65),
      12,
    );
  });

  it("reaches zero at the lifetime", () => {
    expect(decayWeight(MISP_NIDS_DECAY, 119)).toBeGreaterThan(0);
    expect(decayWeight(MISP_NIDS_DECAY, 120)).toBe(0);
    expect(decayHorizonDays(MISP_NIDS_DECAY)).toBe(119);
  });
});
