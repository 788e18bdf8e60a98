import { describe, expect, it } from "vitest";
import { BottomK } from "../../src/labels/bottom-k.ts";
import { buildDataset, type TDatasetRow } from "../../src/labels/index.ts";
import { trainFromRollups } from "../../src/pipeline/train-from-rollups.ts";
import { DEFAULT_DECAY } from "../../src/rank/decay.ts";
import type { TIpDayRollup } from "../../src/rollup/ip-day-rollup.ts";
import { attack } from "./attack-rollup.ts";

const DAYS = [
  "2026-08-01",
  "2026-08-02",
  "2026-08-03",
  "2026-08-04",
  "2026-08-05",
  "2026-08-06",
  "2026-08-07",
];
const ip = (d: number, i: number) => `45.${10 + d}.${i >> 8}.${i & 255}`;

/** 7 days of 300 attackers each: 2,100 malicious rows and as many benign ones, uncapped. */
function history(): TIpDayRollup[] {
  return DAYS.flatMap((day, d) => Array.from({ length: 300 }, (_, i) => attack(day, ip(d, i), 3 + (i % 5))));
}

// Verdicts on addresses the automatic labels put in the other class, and one nobody saw.
const verdicts = [
  { ip: ip(6, 1), verdict: "benign" as const },
  { ip: ip(6, 2), verdict: "benign" as const },
  { ip: ip(5, 3), verdict: "benign" as const },
  { ip: "9.9.9.9", verdict: "malicious" as const },
];

const build = (maxRows?: number, rollups = history()) =>
  buildDataset({
    rollups,
    asOf: "2026-08-08",
    labelDays: 7,
    benignCidrs: ["8.8.0.0/16"],
    verdicts,
    seed: 5,
    ...(maxRows !== undefined ? { maxRows } : {}),
  });

const keyOf = (r: TDatasetRow) => `${r.day} ${r.ip} ${r.y} ${r.source} ${r.x.join(",")}`;

describe("the training cap", () => {
  it("samples a data set larger than the cap down to it, the same rows every time, every verdict kept", () => {
    const whole = build();
    expect(whole.rows.length).toBeGreaterThan(4000);
    const capped = build(500);
    expect(capped.rows).toHaveLength(500);
    expect(capped.labelled).toEqual(whole.labelled);

    // Every verdict row survives, with the analyst's class.
    const analyst = capped.rows.filter((r) => r.source === "analyst");
    expect(analyst.map((r) => `${r.ip} ${r.y}`).sort()).toEqual(
      whole.rows
        .filter((r) => r.source === "analyst")
        .map((r) => `${r.ip} ${r.y}`)
        .sort(),
    );
    expect(analyst.length).toBeGreaterThanOrEqual(verdicts.length);

    // The rest is a sample of each class in proportion to its automatic rows (balanced here).
    const auto = capped.rows.filter((r) => r.source !== "analyst");
    const malicious = auto.filter((r) => r.y === 1).length;
    const share = whole.labelled.malicious / (whole.labelled.malicious + whole.labelled.benign);
    expect(Math.abs(malicious - share * auto.length)).toBeLessThanOrEqual(1);

    // Each kept row is the very row the uncapped data set has (same features: sampling only).
    const all = new Set(whole.rows.map(keyOf));
    for (const r of capped.rows) expect(all.has(keyOf(r))).toBe(true);

    // Deterministic: the same rows in the same order, also when the rollups arrive in another order.
    expect(build(500).rows.map(keyOf)).toEqual(capped.rows.map(keyOf));
    expect(build(500, history().reverse()).rows.map(keyOf).sort()).toEqual(capped.rows.map(keyOf).sort());
    // Every label day is represented.
    expect(new Set(auto.map((r) => r.day)).size).toBe(DAYS.length);
  });

  it("changes nothing when the data set is within the cap", () => {
    expect(build(100_000).rows.map(keyOf)).toEqual(build().rows.map(keyOf));
  });

  it("trains on the capped rows", async () => {
    const outcome = await trainFromRollups({
      rollups: history(),
      asOf: "2026-08-08",
      decay: DEFAULT_DECAY,
      asn: null,
      verdicts,
      maxRows: 300,
      train: { c: 1, gamma: 0.5, folds: 3, threads: 1 },
    });
    expect(outcome.rows.malicious + outcome.rows.benign).toBe(300);
    expect(outcome.rows.labelled.malicious).toBeGreaterThan(2000);
    expect(outcome.model?.labelCounts).toEqual({
      malicious: outcome.rows.malicious,
      benign: outcome.rows.benign,
    });
  });
});

describe("BottomK", () => {
  it("keeps the k smallest keys, in memory for k items", () => {
    const keep = new BottomK<number>(3);
    let built = 0;
    for (const key of [9, 4, 7, 1, 8, 2, 6]) keep.offer(key, () => (built++, key));
    expect(keep.sorted().map((e) => e.item)).toEqual([1, 2, 4]);
    expect(keep.offered).toBe(7);
    // Items whose key could not make it are never built.
    expect(built).toBe(5);
  });
});
