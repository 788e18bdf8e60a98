import { describe, expect, it } from "vitest";
import { expectedFalseBlocks } from "../../src/score/expected-false-blocks.ts";

describe("expectedFalseBlocks", () => {
  const scored = [
    { score: 0.99, bucket: "block" as const },
    { score: 0.9, bucket: "block" as const },
    { score: 0.95, bucket: "block" as const },
    // Not blocked: never counted, however unsure.
    { score: 0.6, bucket: "review" as const },
    { score: 0.1, bucket: "allow" as const },
  ];

  it("sums 1 - probability over the blocked addresses, and per day", () => {
    const e = expectedFalseBlocks(scored, 4, true);
    expect(e?.total).toBeCloseTo(0.01 + 0.1 + 0.05, 12);
    expect(e?.perDay).toBeCloseTo(0.16 / 4, 12);
    expect(e?.days).toBe(4);
  });

  it("is null without a model, and a log of no days counts as one", () => {
    expect(expectedFalseBlocks(scored, 4, false)).toBeNull();
    expect(expectedFalseBlocks(scored, 0, true)?.days).toBe(1);
  });

  it("matches the benign share a calibrated model's blocked addresses really have", () => {
    // 1,000 blocked addresses whose probabilities are exact: p of them malicious on average.
    let seed = 11;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const rows = Array.from({ length: 1000 }, () => {
      const score = 0.9 + 0.1 * rand();
      return { score, bucket: "block" as const, benign: rand() > score };
    });
    const expected = expectedFalseBlocks(rows, 1, true)?.total ?? 0;
    const actual = rows.filter((r) => r.benign).length;
    expect(Math.abs(expected - actual)).toBeLessThan(4 * Math.sqrt(expected));
  });
});
