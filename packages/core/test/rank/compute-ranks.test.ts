import { describe, expect, it } from "vitest";
import { buildAsnTableFromCsv } from "../../src/asn/load-asn-table.ts";
import { computeRanks } from "../../src/rank/compute-ranks.ts";
import { FEATURE_NAMES, featuresFor } from "../../src/rank/features.ts";
import { topRanked } from "../../src/rank/top-ranked.ts";
import { bruteForce, portScan, rollup, sshBlocked } from "./fixtures.ts";

const decay = { kind: "exponential", halfLifeDays: 6, horizonDays: 90 } as const;
const feature = (name: string, v: number[]) => v[FEATURE_NAMES.indexOf(name)];

// AS 64500 announces 1.2.0.0/16 (65536) + 5.6.7.0/24 (256) = 65792 IPv4 addresses and
// 2a00:1::/32 = 2^32 IPv6 /64s; AS 64501 announces 9.9.9.0/24.
const asnTable = buildAsnTableFromCsv(
  [
    "16908288,16973823,64500,Example One",
    "84281088,84281343,64500,Example One",
    "151587072,151587327,64501,Nine",
  ].join("\n"),
  "2a00:1::,2a00:1:ffff:ffff:ffff:ffff:ffff:ffff,64500,Example One\n",
);

describe("computeRanks", () => {
  it("gives rank 1 per bad day, decayed by age (hand-computed)", () => {
    // Ages 12 and 6 days at h = 6: 0.25 + 0.5.
    const s = computeRanks([sshBlocked("2024-01-01", "1.2.3.4"), sshBlocked("2024-01-07", "1.2.3.4")], {
      asOf: "2024-01-13",
      decay,
    });
    const v = featuresFor(s, "1.2.3.4");
    expect(feature("ip:watched-ports", v)).toBe(0.75);
    expect(feature("ip:port-scan", v)).toBe(0);
    expect(feature("days-active", v)).toBe(2);
    expect(feature("events-log1p", v)).toBeCloseTo(Math.log1p(6), 12);
    expect(feature("last-seen-weight", v)).toBe(0.5);
  });

  it("normalises neighbourhoods by their size: /24 by 256, /16 by 65536, /64 by 1, /48 by 65536", () => {
    const rollups = [
      portScan("2024-01-07", "1.2.3.4"),
      portScan("2024-01-07", "1.2.3.5"),
      portScan("2024-01-07", "1.2.9.9"),
      portScan("2024-01-07", "2a00:1:0:1::5"),
      portScan("2024-01-07", "2a00:1:0:1::6"),
    ];
    const s = computeRanks(rollups, { asOf: "2024-01-13", decay });
    // Each IP: 0.5 (6 days old). 1.2.3.0/24 holds two: 1/256; 1.2.0.0/16 holds three: 1.5/65536.
    const v = featuresFor(s, "1.2.3.200");
    expect(feature("ip:port-scan", v)).toBe(0);
    expect(feature("net1:port-scan", v)).toBe(1 / 256);
    expect(feature("net2:port-scan", v)).toBe(1.5 / 65536);
    const w = featuresFor(s, "2a00:1:0:1::77");
    expect(feature("net1:port-scan", w)).toBe(1);
    expect(feature("net2:port-scan", w)).toBe(1 / 65536);
    expect(feature("is-ipv6", w)).toBe(1);
    expect(topRanked(s, "v4/24", 5)).toEqual([
      { key: "1.2.3.0/24", rank: 1 / 256, byCluster: [0, 1 / 256, 0] },
      { key: "1.2.9.0/24", rank: 0.5 / 256, byCluster: [0, 0.5 / 256, 0] },
    ]);
    expect(topRanked(s, "v6/32", 1)[0]).toMatchObject({ key: "2a00:1::/32", rank: 1 / 2 ** 32 });
  });

  it("normalises an AS by the addresses it announces, per family", () => {
    const rollups = [
      bruteForce("2024-01-07", "1.2.3.4"),
      bruteForce("2024-01-07", "5.6.7.8"),
      bruteForce("2024-01-07", "2a00:1::1"),
    ];
    const s = computeRanks(rollups, { asOf: "2024-01-13", decay, asn: asnTable });
    // (0.5 + 0.5) / 65792 + 0.5 / 2^32, and the same for an address the snapshot never saw.
    const expected = 1 / 65792 + 0.5 / 2 ** 32;
    expect(feature("as:brute-force", featuresFor(s, "1.2.3.4"))).toBeCloseTo(expected, 18);
    expect(feature("as:brute-force", featuresFor(s, "1.2.200.1"))).toBeCloseTo(expected, 18);
    expect(feature("as:brute-force", featuresFor(s, "9.9.9.9"))).toBe(0);
    const [top] = topRanked(s, "as", 3);
    expect(top?.key).toBe("AS64500");
    expect(top?.label).toBe("Example One");
  });

  it("ranks an IP at most once per cluster per day, even from duplicate rollups", () => {
    const s = computeRanks([sshBlocked("2024-01-07", "1.2.3.4"), sshBlocked("2024-01-07", "1.2.3.4")], {
      asOf: "2024-01-13",
      decay,
    });
    const v = featuresFor(s, "1.2.3.4");
    expect(feature("ip:watched-ports", v)).toBe(0.5);
    expect(feature("days-active", v)).toBe(1);
  });

  it("keeps private sources out of neighbourhoods and ASes but ranks them", () => {
    const s = computeRanks([portScan("2024-01-07", "10.0.0.1"), portScan("2024-01-07", "192.168.1.1")], {
      asOf: "2024-01-13",
      decay,
    });
    expect(feature("ip:port-scan", featuresFor(s, "10.0.0.1"))).toBe(0.5);
    expect(feature("net1:port-scan", featuresFor(s, "10.0.0.1"))).toBe(0);
    expect(topRanked(s, "v4/24", 5)).toEqual([]);
    expect(topRanked(s, "ip", 5).map((r) => r.key)).toEqual(["10.0.0.1", "192.168.1.1"]);
  });

  it("ignores rollups past the horizon and matches no cluster for quiet traffic", () => {
    const s = computeRanks([sshBlocked("2023-01-01", "1.2.3.4"), rollup("2024-01-07", "1.2.3.5")], {
      asOf: "2024-01-13",
      decay,
    });
    expect(featuresFor(s, "1.2.3.4").every((x) => x === 0)).toBe(true);
    const quiet = featuresFor(s, "1.2.3.5");
    expect(quiet.slice(0, 12).every((x) => x === 0)).toBe(true);
    expect(feature("days-active", quiet)).toBe(1);
  });

  it("uses the polynomial curve when asked", () => {
    const s = computeRanks([sshBlocked("2024-01-01", "1.2.3.4")], {
      asOf: "2024-01-31",
      decay: { kind: "polynomial", lifetimeDays: 120, decaySpeed: 2 },
    });
    expect(feature("ip:watched-ports", featuresFor(s, "1.2.3.4"))).toBe(0.5);
  });

  it("floors a Date as-of to its UTC day", () => {
    const rollups = [sshBlocked("2024-01-12", "1.2.3.4"), sshBlocked("2024-01-13", "1.2.3.4")];
    const s = computeRanks(rollups, { asOf: new Date("2024-01-13T18:00:00Z"), decay });
    expect(s.asOf).toBe("2024-01-13");
    expect(feature("ip:watched-ports", featuresFor(s, "1.2.3.4"))).toBe(2 ** (-1 / 6));
  });
});
