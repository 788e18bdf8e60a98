import { describe, expect, it } from "vitest";
import { backtestWorld } from "../../src/eval/world-backtest.ts";
import { RANKERS } from "../../src/eval/day-slice.ts";
import { HONEYPOT_SSH } from "../../src/eval/world-profile.ts";
import { realInternet, smallWorld } from "./world-fixture.ts";

describe("dayForwardBacktest end to end", () => {
  it("trains as of each day and returns numbers for the model and every baseline", async () => {
    const { asn, lists } = await realInternet();
    const { world, result } = await backtestWorld({
      profile: smallWorld(HONEYPOT_SSH, 12, 0.3),
      seed: 1,
      asn,
      lists,
      testDays: 2,
      // One grid point and three folds: this checks the plumbing, not the model's quality.
      overrides: { train: { c: 8, gamma: 0.5, folds: 3 } },
    });
    expect(result.skipped).toEqual([]);
    expect(result.days.map((d) => d.day)).toEqual(world.days.slice(-2));
    expect(result.featureNames.length).toBeGreaterThan(0);
    for (const d of result.days) {
      expect(d.trainRows.malicious).toBeGreaterThan(0);
      for (const slice of [d.all, d.neverSeen]) {
        expect(slice.malicious).toBeGreaterThan(0);
        expect(slice.benign).toBeGreaterThan(0);
        for (const name of RANKERS) {
          const r = slice.rankers[name];
          expect(r.auc).toBeGreaterThanOrEqual(0);
          expect(r.auc).toBeLessThanOrEqual(1);
          expect(r.hits).toHaveLength(3);
          r.hits.forEach((h, i) => expect(h).toBeLessThanOrEqual(slice.oracle[i] ?? 0));
        }
        // The model and the heuristic score a row by its features alone: neither can pass the ceiling.
        expect(slice.ceilingAuc).not.toBeNull();
        for (const name of ["model", "heuristic"] as const)
          expect(slice.rankers[name].auc).toBeLessThanOrEqual((slice.ceilingAuc ?? 0) + 1e-12);
        expect(slice.model.reliability).toHaveLength(10);
        expect(slice.model.brier).toBeGreaterThanOrEqual(0);
        expect(slice.model.atBlock.threshold).toBe(0.9);
      }
      // Never-seen addresses have no local history: the local worst-offender list cannot rank them.
      expect(d.neverSeen.rankers.lwol.auc).toBe(0.5);
      expect(d.neverSeen.rows).toBeLessThan(d.all.rows);
      // Blocklists made before the day name only known addresses: a never-seen attacker is reachable
      // only through the feed.
      const b = d.blocklist;
      expect(b.universe).toBeGreaterThan(0);
      expect(b.reachable).toBeLessThanOrEqual(d.all.malicious);
      expect(b.reachable).toBeGreaterThanOrEqual(d.all.malicious - d.neverSeen.malicious);
      for (const name of RANKERS)
        b.hits[name].forEach((h, i) => expect(h).toBeLessThanOrEqual(b.oracle[i] ?? 0));
    }
    const pooled = result.pooled;
    expect(pooled).not.toBeNull();
    expect(pooled?.all.rows).toBe(result.days.reduce((s, d) => s + d.all.rows, 0));
    expect(pooled?.blocklist.hits.lwol[0]).toBe(
      result.days.reduce((s, d) => s + (d.blocklist.hits.lwol[0] ?? 0), 0),
    );
    expect(pooled?.all.rankers.model.hits[0]).toBe(
      result.days.reduce((s, d) => s + (d.all.rankers.model.hits[0] ?? 0), 0),
    );
  });
});
