import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeRanks } from "../../src/rank/compute-ranks.ts";
import { FEATURE_NAMES, featuresFor } from "../../src/rank/features.ts";
import { liveAddressCount, RankBuilder } from "../../src/rank/rank-builder.ts";
import { mergeRollups } from "../../src/rollup/merge-rollups.ts";
import { type TIpDayRollup } from "../../src/rollup/ip-day-rollup.ts";
import { expectSameRanks } from "./expect-same-ranks.ts";
import { addDays, bruteForce, portScan, rollup, sshBlocked } from "./fixtures.ts";

const START = "2024-03-01";
const IPS = ["1.2.3.4", "1.2.3.5", "1.2.77.1", "8.8.8.8", "2a00:1::1", "2a00:1:5::1"];
const kinds = [sshBlocked, bruteForce, (d: string, ip: string) => portScan(d, ip, 3), rollup];
const decay = { kind: "exponential" as const, halfLifeDays: 6, horizonDays: 20 };

/** What the worker's PostgreSQL read yields for a day: one merged rollup per IP. */
function mergedByDayAndIp(rows: TIpDayRollup[]): Map<string, TIpDayRollup[]> {
  const byKey = new Map<string, TIpDayRollup>();
  for (const r of rows) {
    const k = `${r.day}|${r.ip}`;
    const held = byKey.get(k);
    byKey.set(k, held ? mergeRollups(held, r) : r);
  }
  const byDay = new Map<string, TIpDayRollup[]>();
  for (const r of byKey.values()) byDay.set(r.day, [...(byDay.get(r.day) ?? []), r]);
  return byDay;
}

const arbUpload = fc.array(
  fc
    .tuple(fc.integer({ min: 0, max: 29 }), fc.constantFrom(...IPS), fc.integer({ min: 0, max: 3 }))
    .map(([offset, ip, k]) => (kinds[k] ?? rollup)(addDays(START, offset), ip)),
  { maxLength: 30 },
);

describe("RankBuilder", () => {
  it("re-reading only the days an upload touched equals ranking all uploads merged", () => {
    fc.assert(
      fc.property(arbUpload, arbUpload, fc.integer({ min: 5, max: 31 }), (first, late, asOffset) => {
        const asOf1 = addDays(START, 20);
        const asOf2 = addDays(START, Math.max(20, asOffset));
        const held = new RankBuilder({ asOf: asOf1, decay });
        for (const [day, rows] of mergedByDayAndIp(first)) held.setDay(day, rows);
        const snap1 = held.finish();

        // The late upload's days, plus the days new to the window, are re-read whole (merged).
        const all = mergedByDayAndIp([...first, ...late]);
        const touched = new Set([...late.map((r) => r.day)]);
        for (let d = 20; d < 31; d++) touched.add(addDays(START, d));
        const next = new RankBuilder({ asOf: asOf2, decay }, snap1);
        for (const day of touched) next.setDay(day, all.get(day) ?? []);
        const incremental = next.finish();

        const full = computeRanks([...all.values()].flat(), { asOf: asOf2, decay });
        expectSameRanks(incremental, full, [...IPS, "1.2.3.99"], ["ip", "v4/24", "v4/16", "v6/64"]);
      }),
      { numRuns: 60 },
    );
  });

  it("merges two uploads' ports for the same day and IP into one port scan, not two partial ones", () => {
    const a = portScan("2024-03-01", "1.2.3.4", 3);
    const b = rollup("2024-03-01", "1.2.3.4", {
      events: 3,
      distinctPorts: 3,
      ports: { "20001": 1, "20002": 1, "20003": 1 },
    });
    const held = new RankBuilder({ asOf: "2024-03-02" }).setDay("2024-03-01", [a]).finish();
    const next = new RankBuilder({ asOf: "2024-03-02" }, held)
      .setDay("2024-03-01", [mergeRollups(a, b)])
      .finish();
    const scanRank = (s: typeof held) => featuresFor(s, "1.2.3.4")[FEATURE_NAMES.indexOf("ip:port-scan")];
    expect(scanRank(held)).toBe(0);
    // Rank 1 on 2024-03-01, one day old as of 2024-03-02 with a 6-day half-life.
    expect(scanRank(next)).toBeCloseTo(2 ** (-1 / 6), 12);
  });

  it("drops a day set to nothing and refuses other settings or an earlier as-of", () => {
    const held = new RankBuilder({ asOf: "2024-03-05" }).add([sshBlocked("2024-03-01", "1.2.3.4")]).finish();
    expect(liveAddressCount(held)).toBe(1);
    const emptied = new RankBuilder({ asOf: "2024-03-05" }, held).setDay("2024-03-01", []).finish();
    expect(featuresFor(emptied, "1.2.3.4")[0]).toBe(0);
    expect(liveAddressCount(emptied)).toBe(0);
    expect(emptied.registry.size).toBe(1);
    expect(() => new RankBuilder({ asOf: "2024-03-04" }, held)).toThrow(/back/);
    expect(
      () =>
        new RankBuilder(
          { asOf: "2024-03-06", decay: { kind: "exponential", halfLifeDays: 3, horizonDays: 90 } },
          held,
        ),
    ).toThrow(/settings/);
  });
});
