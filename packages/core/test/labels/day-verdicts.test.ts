import { describe, expect, it } from "vitest";
import { buildDataset, type TDatasetRow, type TVerdict } from "../../src/labels/index.ts";
import type { TIpDayRollup } from "../../src/rollup/ip-day-rollup.ts";
import { attack } from "./attack-rollup.ts";

const [L1, L2, L3, L4] = ["2026-09-01", "2026-09-02", "2026-09-03", "2026-09-04"] as const;
const X = "45.20.0.7";

/** Four label days of 40 attackers each, and X attacking on L1 and L2 only. */
function history(): TIpDayRollup[] {
  const rollups = [L1, L2, L3, L4].flatMap((day, d) =>
    Array.from({ length: 40 }, (_, i) => attack(day, `45.${30 + d}.0.${i}`, 2 + (i % 3))),
  );
  rollups.push(attack(L1, X, 9), attack(L2, X, 4));
  return rollups;
}

const build = (verdicts: TVerdict[], maxRows?: number) =>
  buildDataset({
    rollups: history(),
    asOf: "2026-09-05",
    labelDays: 4,
    benignCidrs: ["8.8.0.0/16"],
    verdicts,
    seed: 3,
    ...(maxRows !== undefined ? { maxRows } : {}),
  });

const keyOf = (r: TDatasetRow) => `${r.day} ${r.ip}`;
const byKey = (rows: TDatasetRow[]) => new Map(rows.map((r) => [keyOf(r), r]));
const rowOf = (rows: TDatasetRow[], day: string, ip: string) =>
  rows.find((r) => r.day === day && r.ip === ip);

describe("verdicts on one day of an address", () => {
  it("relabel exactly that address-day, from the analyst, and leave every other row as it was", () => {
    const without = build([]);
    expect(rowOf(without.rows, L1, X)).toMatchObject({ y: 1, source: "cluster" });
    expect(rowOf(without.rows, L2, X)).toMatchObject({ y: 1, source: "cluster" });

    const withVerdict = build([{ ip: X, verdict: "benign", day: L1, cluster: "watched-ports" }]);
    expect(withVerdict.rows).toHaveLength(without.rows.length);
    const before = byKey(without.rows);
    const after = byKey(withVerdict.rows);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [key, row] of after) {
      const old = before.get(key);
      if (key === `${L1} ${X}`) {
        expect(row).toEqual({ ...old, y: 0, source: "analyst" });
      } else {
        expect(row, key).toEqual(old);
      }
    }
    expect(rowOf(withVerdict.rows, L2, X)).toMatchObject({ y: 1, source: "cluster" });
  });

  it("a whole-address verdict still labels every day the address was seen", () => {
    const rows = build([{ ip: X, verdict: "benign" }]).rows.filter((r) => r.ip === X);
    // Seen on L1 and L2, and the last label day takes verdicts on addresses it did not see.
    expect(rows.map((r) => `${r.day} ${r.y} ${r.source}`)).toEqual([
      `${L1} 0 analyst`,
      `${L2} 0 analyst`,
      `${L4} 0 analyst`,
    ]);
  });

  it("where a whole-address and an address-day verdict meet, the later one given wins", () => {
    const whole: TVerdict = { ip: X, verdict: "benign", at: "2026-09-10T10:00:00Z" };
    const dayLater: TVerdict = { ip: X, verdict: "malicious", day: L2, at: "2026-09-10T11:00:00Z" };
    const dayEarlier: TVerdict = { ...dayLater, at: "2026-09-10T09:00:00Z" };

    const later = build([whole, dayLater]).rows.filter((r) => r.ip === X);
    expect(later.map((r) => `${r.day} ${r.y}`)).toEqual([`${L1} 0`, `${L2} 1`, `${L4} 0`]);
    const earlier = build([dayEarlier, whole]).rows.filter((r) => r.ip === X);
    expect(earlier.map((r) => `${r.day} ${r.y}`)).toEqual([`${L1} 0`, `${L2} 0`, `${L4} 0`]);
    // Two verdicts on the same address-day: the later one.
    const twice = build([dayLater, { ...dayEarlier, verdict: "benign" }]).rows;
    expect(rowOf(twice, L2, X)).toMatchObject({ y: 1, source: "analyst" });
  });

  it("an address-day verdict on a day the address was not seen makes that day's row, and no other", () => {
    const rows = build([{ ip: X, verdict: "malicious", day: L3 }]).rows.filter((r) => r.ip === X);
    expect(rows.map((r) => `${r.day} ${r.y} ${r.source}`)).toEqual([
      `${L1} 1 cluster`,
      `${L2} 1 cluster`,
      `${L3} 1 analyst`,
    ]);
    // A day outside the label days labels nothing.
    const outside = build([{ ip: X, verdict: "benign", day: "2026-08-01" }]);
    expect(outside.rows).toEqual(build([]).rows);
  });

  it("keeps address-day verdict rows under the training cap", () => {
    const capped = build([{ ip: X, verdict: "benign", day: L1 }], 20);
    expect(capped.rows).toHaveLength(20);
    expect(rowOf(capped.rows, L1, X)).toMatchObject({ y: 0, source: "analyst" });
  });
});
