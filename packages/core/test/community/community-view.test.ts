import { describe, expect, it } from "vitest";
import { buildAsnTableFromCsv } from "../../src/asn/load-asn-table.ts";
import { communityFeaturesFor } from "../../src/community/community-features.ts";
import { computeCommunityView } from "../../src/community/community-view.ts";
import { type TContribution } from "../../src/community/contribution.ts";
import { COMMUNITY_FEATURE_NAMES } from "../../src/rank/features.ts";

const AS_OF = "2026-03-10";
const W1 = 2 ** (-1 / 6); // weight of a rank 1 day old, 6-day half-life
const row = (contributor: string, ip: string, day = "2026-03-09"): TContribution => ({
  contributor,
  day,
  ip,
});
// 1.2.0.0/16 is AS64500, which announces exactly that /16.
const asn = buildAsnTableFromCsv("16908288,16973823,64500,One\n", "");

describe("computeCommunityView: k-anonymity", () => {
  it("hides an IP and its neighbourhoods reported by k-1 tenants and shows them at k", () => {
    const two = [row("A", "1.2.3.4"), row("B", "1.2.3.4")];
    const below = computeCommunityView(two, { asOf: AS_OF, asn });
    expect(below.ips.has("1.2.3.4")).toBe(false);
    expect(below.nets.size).toBe(0);
    expect(below.as.size).toBe(0);
    expect(below.stats).toMatchObject({ tenants: 2, ipsReported: 1, ipsHidden: 1 });
    expect(communityFeaturesFor(below, "1.2.3.4")).toEqual([0, 0, 0, 0, 0]);

    const at = computeCommunityView([...two, row("C", "1.2.3.4")], { asOf: AS_OF, asn });
    expect(at.ips.get("1.2.3.4")?.rank).toBeCloseTo(3 * W1, 12);
    expect(at.ips.get("1.2.3.4")?.reporters).toBe(3);
    const x = communityFeaturesFor(at, "1.2.3.4");
    expect(x).toHaveLength(COMMUNITY_FEATURE_NAMES.length);
    expect(x[1]).toBeCloseTo((3 * W1) / 256, 12);
    expect(x[2]).toBeCloseTo((3 * W1) / 65536, 12);
    expect(x[3]).toBeCloseTo((3 * W1) / 65536, 12); // the AS is that /16
    expect(x[4]).toBe(3);
    // A neighbour the pool never saw gets the neighbourhood columns only.
    expect(communityFeaturesFor(at, "1.2.3.99")).toEqual([0, x[1], x[2], x[3], 0]);
  });

  it("counts a neighbourhood by distinct tenants anywhere in it, not per IP", () => {
    const view = computeCommunityView([row("A", "1.2.3.1"), row("B", "1.2.3.2"), row("C", "1.2.3.3")], {
      asOf: AS_OF,
    });
    expect(view.ips.size).toBe(0); // each IP has one reporter
    expect(view.nets.size).toBe(2); // but the /24 and /16 have three
    expect(communityFeaturesFor(view, "1.2.3.200")[1]).toBeCloseTo((3 * W1) / 256, 12);
  });

  it("ignores rows of the as-of day or later and counts a contributor once a day", () => {
    const view = computeCommunityView(
      [
        row("A", "1.2.3.4"),
        row("A", "1.2.3.4"),
        row("B", "1.2.3.4"),
        row("C", "1.2.3.4"),
        row("C", "1.2.3.4", AS_OF),
        row("D", "1.2.3.4", "2026-03-11"),
      ],
      { asOf: AS_OF },
    );
    expect(view.ips.get("1.2.3.4")).toEqual({ rank: 3 * W1, reporters: 3 });
  });
});

describe("computeCommunityView: community minus me", () => {
  const four = ["A", "B", "C", "D"].map((c) => row(c, "1.2.3.4"));
  it("drops the excluded contributor before k is counted", () => {
    expect(computeCommunityView(four.slice(0, 3), { asOf: AS_OF, exclude: "A" }).ips.size).toBe(0);
    const minusA = computeCommunityView([...four, row("A", "9.9.9.9")], { asOf: AS_OF, exclude: "A" });
    expect(minusA.ips.get("1.2.3.4")).toEqual({ rank: 3 * W1, reporters: 3 });
    expect(minusA.stats.contributors).toBe(3);
    const all = computeCommunityView(four, { asOf: AS_OF });
    expect(all.ips.get("1.2.3.4")?.rank).toBeCloseTo(4 * W1, 12);
  });
});

describe("computeCommunityView: public feeds", () => {
  it("weights feed listings and needs no k for them, while a lone tenant's sighting stays hidden", () => {
    const view = computeCommunityView([row("feed:ipsum", "5.6.7.8"), row("A", "5.6.7.8")], {
      asOf: AS_OF,
      publicSources: [{ id: "feed:ipsum", weight: 0.5 }],
    });
    expect(view.ips.get("5.6.7.8")).toEqual({ rank: 0.5 * W1, reporters: 1 });
  });
});

describe("computeCommunityView: poisoning bound", () => {
  it("one tenant flooding a /24 moves its rank by at most cap / 256", () => {
    const honest = [row("A", "1.2.3.1"), row("B", "1.2.3.2"), row("C", "1.2.3.3")];
    const flood: TContribution[] = [];
    for (let age = 1; age <= 30; age++) {
      const day = new Date(Date.UTC(2026, 2, 10 - age)).toISOString().slice(0, 10);
      for (let h = 0; h < 256; h++) flood.push(row("F", `1.2.3.${h}`, day));
    }
    const cap = 32;
    const before = communityFeaturesFor(
      computeCommunityView(honest, { asOf: AS_OF, contributorCap: cap }),
      "1.2.3.9",
    );
    const after = communityFeaturesFor(
      computeCommunityView([...honest, ...flood], { asOf: AS_OF, contributorCap: cap }),
      "1.2.3.9",
    );
    // Hand-computed: the honest /24 sum is 3·2^(-1/6); F's own sum, 256·Σ 2^(-a/6), is capped at 32.
    expect(before[1]).toBeCloseTo((3 * W1) / 256, 12);
    expect(after[1]).toBeCloseTo((3 * W1 + 32) / 256, 12);
    expect((after[1] ?? 0) - (before[1] ?? 0)).toBeLessThanOrEqual(cap / 256 + 1e-12);
    // Uncapped, the same flood would have added about 256 · 7.9 IP-days.
    const uncapped = computeCommunityView([...honest, ...flood], { asOf: AS_OF, contributorCap: 1e6 });
    expect(communityFeaturesFor(uncapped, "1.2.3.9")[1]).toBeGreaterThan(7);
    // Alone, the flooder shows nothing at all: one tenant is below k.
    expect(computeCommunityView(flood, { asOf: AS_OF }).nets.size).toBe(0);
  });
});
