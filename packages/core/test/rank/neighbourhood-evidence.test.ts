import { describe, expect, it } from "vitest";
import { buildAsnTableFromCsv } from "../../src/asn/load-asn-table.ts";
import { computeRanks } from "../../src/rank/compute-ranks.ts";
import { decayWeight } from "../../src/rank/decay.ts";
import { FEATURE_NAMES, featuresFor } from "../../src/rank/features.ts";
import { portScan, rollup, sshBlocked } from "./fixtures.ts";

// AS 64500 announces 1.2.0.0/16 (16908288..16973823).
const asn = buildAsnTableFromCsv("16908288,16973823,64500,One\n", "");
const AS_OF = "2024-03-10";
const DECAY = { kind: "exponential" as const, halfLifeDays: 6, horizonDays: 90 };

const named = (x: number[]) => Object.fromEntries(FEATURE_NAMES.map((n, i) => [n, x[i] ?? 0]));

describe("neighbourhood evidence columns", () => {
  const rollups = [
    sshBlocked("2024-03-01", "1.2.3.4"),
    sshBlocked("2024-03-07", "1.2.3.4"),
    portScan("2024-03-08", "1.2.3.5"),
    sshBlocked("2024-03-05", "1.2.9.9"),
    // Seen but never bad: part of nobody's evidence.
    rollup("2024-03-08", "1.2.3.6"),
    // The as-of day and later are never read.
    sshBlocked("2024-03-10", "1.2.3.7"),
    sshBlocked("2024-03-12", "1.2.3.8"),
  ];
  const snapshot = computeRanks(rollups, { asOf: AS_OF, asn, decay: DECAY });

  it("counts a never-seen address's bad neighbours, their summed rank, recency and age", () => {
    const f = named(featuresFor(snapshot, "1.2.3.200"));
    const w = (day: string) => decayWeight(DECAY, 9 - Number(day.slice(8)) + 1);
    // /24: 1.2.3.4 (bad on the 1st and 7th) and 1.2.3.5 (the 8th); 1.2.3.6 was never bad.
    expect(f["net1-sources"]).toBe(2);
    expect(f["net1-rank-total"]).toBeCloseTo(w("2024-03-01") + w("2024-03-07") + w("2024-03-08"), 12);
    expect(f["net1-recency"]).toBeCloseTo(decayWeight(DECAY, 2), 12);
    expect(f["net1-age"]).toBe(9);
    // /16 and AS add 1.2.9.9.
    expect(f["net2-sources"]).toBe(3);
    expect(f["as-sources"]).toBe(3);
    expect(f["as-age"]).toBe(9);
    // The address itself has no history.
    expect(f["ip:watched-ports"]).toBe(0);
    expect(f["days-active"]).toBe(0);
  });

  it("is zero where no source was bad, and leaves the baseline's rank columns as they were", () => {
    const f = named(featuresFor(snapshot, "9.9.9.9"));
    for (const scope of ["net1", "net2", "as"])
      for (const figure of ["sources", "rank-total", "recency", "age"])
        expect(f[`${scope}-${figure}`]).toBe(0);
    const inside = named(featuresFor(snapshot, "1.2.3.200"));
    expect(inside["net1:watched-ports"]).toBeCloseTo(
      (decayWeight(DECAY, 9) + decayWeight(DECAY, 3)) / 256,
      12,
    );
  });

  it("reads nothing from the as-of day or later", () => {
    const cut = computeRanks(
      rollups.filter((r) => r.day < AS_OF),
      { asOf: AS_OF, asn, decay: DECAY },
    );
    for (const ip of ["1.2.3.200", "1.2.3.7", "1.2.3.8", "1.2.9.1"])
      expect(featuresFor(snapshot, ip)).toEqual(featuresFor(cut, ip));
  });
});
