import { describe, expect, it } from "vitest";
import { AsnTableBuilder } from "../../src/asn/asn-table.ts";
import {
  createCidrSet,
  loadShippedBenign,
  loadShippedScanners,
  sampleBackground,
  sampleBenign,
} from "../../src/labels/index.ts";
import { parseIpv4 } from "../../src/net/parse-ip.ts";

describe("sampleBenign", () => {
  it("is reproducible from the seed, distinct, and inside the given ranges", () => {
    const cidrs = ["8.8.8.0/24", "34.64.82.64/28"];
    const a = sampleBenign({ seed: 4, n: 100, cidrs });
    expect(a).toEqual(sampleBenign({ seed: 4, n: 100, cidrs }));
    expect(a).not.toEqual(sampleBenign({ seed: 5, n: 100, cidrs }));
    expect(new Set(a).size).toBe(100);
    const set = createCidrSet(cidrs);
    expect(a.every((ip) => set.has(ip))).toBe(true);
  });

  it("stops at the size of the space", () => {
    expect(sampleBenign({ seed: 1, n: 50, cidrs: ["1.2.3.0/29"] })).toHaveLength(8);
  });

  it("draws from every shipped provider, not just the largest", () => {
    const providers = loadShippedBenign();
    expect(providers.size).toBeGreaterThanOrEqual(8);
    const sample = sampleBenign({ seed: 1, n: 2000 });
    for (const [name, cidrs] of providers) {
      const set = createCidrSet(cidrs);
      expect(
        sample.some((ip) => set.has(ip)),
        name,
      ).toBe(true);
    }
  });

  it("ships a scanner list", () => {
    expect(createCidrSet(loadShippedScanners()).has("194.187.176.1")).toBe(true);
  });
});

describe("sampleBackground", () => {
  // AS 1 announces a /16, AS 2 a /24: about 256 draws from AS 1 for each one from AS 2.
  const b = new AsnTableBuilder();
  b.addV4(parseIpv4("20.0.0.0"), parseIpv4("20.0.255.255"), 1, "big");
  b.addV4(parseIpv4("30.0.0.0"), parseIpv4("30.0.0.255"), 2, "small");
  b.addV4(parseIpv4("10.0.0.0"), parseIpv4("10.0.0.255"), 3, "bogon space");
  const asn = b.build();

  it("weights ASes by the addresses they announce and skips bogons", () => {
    const sample = sampleBackground({ seed: 2, n: 5000, asn });
    expect(new Set(sample).size).toBe(5000);
    const big = sample.filter((ip) => ip.startsWith("20.0.")).length;
    const small = sample.filter((ip) => ip.startsWith("30.0.0.")).length;
    expect(sample.some((ip) => ip.startsWith("10."))).toBe(false);
    expect(small).toBeGreaterThan(0);
    expect(big / small).toBeGreaterThan(100);
    expect(big + small).toBe(5000);
  });

  it("is reproducible and honours exclusions", () => {
    const exclude = (ip: string): boolean => ip.startsWith("30.");
    const a = sampleBackground({ seed: 9, n: 300, asn, exclude });
    expect(a).toEqual(sampleBackground({ seed: 9, n: 300, asn, exclude }));
    expect(a.some(exclude)).toBe(false);
  });
});
