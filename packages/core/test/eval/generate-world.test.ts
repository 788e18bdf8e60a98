import { describe, expect, it } from "vitest";
import { lookupAsIndex } from "../../src/asn/lookup-asn.ts";
import { generateWorld } from "../../src/eval/generate-world.ts";
import { ENTERPRISE_EDGE, HONEYPOT_SSH } from "../../src/eval/world-profile.ts";
import { compileClusters, DEFAULT_CLUSTERS } from "../../src/rank/clusters.ts";
import { realInternet, smallWorld } from "./world-fixture.ts";

const net24 = (ip: string) => ip.split(".").slice(0, 3).join(".");

describe("generateWorld", () => {
  it("is a pure function of profile and seed", async () => {
    const { asn, lists } = await realInternet();
    const profile = smallWorld(HONEYPOT_SSH, 6);
    const a = generateWorld({ profile, seed: 3, asn, lists });
    const b = generateWorld({ profile, seed: 3, asn, lists });
    const c = generateWorld({ profile, seed: 4, asn, lists });
    expect(JSON.stringify(b.rollups)).toBe(JSON.stringify(a.rollups));
    expect(b.feed).toEqual(a.feed);
    expect(b.heldOutBenign(a.days[5] ?? "")).toEqual(a.heldOutBenign(a.days[5] ?? ""));
    expect(JSON.stringify(c.rollups)).not.toBe(JSON.stringify(a.rollups));
  });

  for (const base of [HONEYPOT_SSH, ENTERPRISE_EDGE]) {
    it(`${base.name}: attackers cluster in few /24s and ASes, new ones arrive daily, scanners and benign traffic are there`, async () => {
      const { asn, lists } = await realInternet();
      const world = generateWorld({ profile: smallWorld(base, 21, 0.6), seed: 1, asn, lists });
      const maliciousDays = world.days.map((d) =>
        [...(world.truth.get(d) ?? [])].filter(([, t]) => t === "malicious").map(([ip]) => ip),
      );
      const attackers = new Set(maliciousDays.flat());
      // Concentration: the busiest 10% of attacker /24s hold at least 2.5 times their share of attackers.
      const per24 = new Map<string, number>();
      for (const ip of attackers) per24.set(net24(ip), (per24.get(net24(ip)) ?? 0) + 1);
      const counts = [...per24.values()].sort((a, b) => b - a);
      const top = counts.slice(0, Math.ceil(counts.length / 10)).reduce((s, n) => s + n, 0);
      expect(top / attackers.size).toBeGreaterThan(0.25);
      const perAs = new Map<number, number>();
      for (const ip of attackers)
        perAs.set(lookupAsIndex(asn, ip), (perAs.get(lookupAsIndex(asn, ip)) ?? 0) + 1);
      const topAs = [...perAs.values()].sort((a, b) => b - a).slice(0, 20);
      expect(topAs.reduce((s, n) => s + n, 0) / attackers.size).toBeGreaterThan(0.4);

      // New attackers every day, some in /24s already bad, some in fresh ones.
      const seen = new Set<string>();
      const seen24 = new Set<string>();
      let inBad24 = 0;
      let inFresh24 = 0;
      maliciousDays.forEach((ips, d) => {
        const fresh = ips.filter((ip) => !seen.has(ip));
        if (d > 0) expect(fresh.length).toBeGreaterThan(0);
        if (d > 0) {
          const near = fresh.filter((ip) => seen24.has(net24(ip))).length;
          inBad24 += near;
          inFresh24 += fresh.length - near;
        }
        for (const ip of ips) {
          seen.add(ip);
          seen24.add(net24(ip));
        }
      });
      expect(inBad24).toBeGreaterThan(0);
      expect(inFresh24).toBeGreaterThan(0);

      // Scanners every day, benign allowed traffic, and benign sources that trip a rule.
      const matcher = compileClusters(DEFAULT_CLUSTERS);
      for (const d of world.days) {
        const truth = world.truth.get(d);
        expect([...(truth?.values() ?? [])].filter((t) => t === "scanner").length).toBeGreaterThan(0);
      }
      const benign = world.rollups.filter((r) => world.truth.get(r.day)?.get(r.ip) === "benign");
      expect(benign.some((r) => (r.actions.allow ?? 0) > 0)).toBe(true);
      expect(benign.some((r) => matcher(r) !== 0)).toBe(true);
      // And malicious sources that trip none (quiet probes), so labels are not the truth.
      const malicious = world.rollups.filter((r) => world.truth.get(r.day)?.get(r.ip) === "malicious");
      expect(malicious.some((r) => matcher(r) === 0)).toBe(true);
    });
  }

  it("keeps the held-out benign sample out of the world's traffic", async () => {
    const { asn, lists } = await realInternet();
    const world = generateWorld({ profile: smallWorld(ENTERPRISE_EDGE, 8), seed: 2, asn, lists });
    const active = new Set(world.rollups.map((r) => r.ip));
    const sample = world.heldOutBenign(world.days[7] ?? "");
    expect(sample.length).toBeGreaterThan(10);
    expect(sample.filter((ip) => active.has(ip))).toEqual([]);
  });
});
