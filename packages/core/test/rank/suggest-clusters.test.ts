import { describe, expect, it } from "vitest";
import { suggestClusters } from "../../src/rank/suggest-clusters.ts";
import { type TIpDayRollup } from "../../src/rollup/ip-day-rollup.ts";
import { bruteForce, portScan, rollup } from "./fixtures.ts";

function population(): TIpDayRollup[] {
  const out: TIpDayRollup[] = [];
  for (let i = 0; i < 60; i++) {
    out.push(
      rollup("2024-01-02", `20.0.0.${i}`, {
        events: 4,
        ports: { "3389": 4 },
        blockedPorts: { "3389": 4 },
        actions: { block: 4 },
      }),
    );
    out.push(portScan("2024-01-02", `30.0.0.${i}`, 40 + i));
    out.push(bruteForce("2024-01-02", `40.0.0.${i}`, 8 + (i % 5)));
    out.push(
      rollup("2024-01-02", `50.0.0.${i}`, { events: 10, ports: { "443": 10 }, actions: { allow: 10 } }),
    );
  }
  return out;
}

describe("suggestClusters", () => {
  it("recovers the behaviours planted in a population, with their sizes", () => {
    const suggestions = suggestClusters(population(), { k: 4, seed: 7 });
    const byKind = new Map(suggestions.map((s) => [s.rule.kind, s]));
    expect(byKind.get("port-scan")?.size).toBe(60);
    // The 10th percentile of 40..99 distinct ports.
    expect(byKind.get("port-scan")?.rule).toMatchObject({ minDistinctPorts: 45 });
    expect(byKind.get("brute-force")?.size).toBe(60);
    expect(byKind.get("brute-force")?.rule).toMatchObject({ minAuthFailures: 8 });
    const watched = suggestions.filter((s) => s.rule.kind === "watched-ports").map((s) => s.rule);
    expect(watched).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ports: [3389] }),
        expect.objectContaining({ ports: [443] }),
      ]),
    );
    expect(suggestions.reduce((n, s) => n + s.share, 0)).toBeCloseTo(1, 12);
  });

  it("is reproducible for a seed and respects the as-of cut", () => {
    expect(suggestClusters(population(), { k: 4, seed: 3 })).toEqual(
      suggestClusters(population(), { k: 4, seed: 3 }),
    );
    expect(suggestClusters(population(), { asOf: "2024-01-02" })).toEqual([]);
  });
});
