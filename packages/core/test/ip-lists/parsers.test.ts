import { describe, expect, it } from "vitest";
import { parseIpList, parseIpsum, parseResearchScanners } from "../../src/ip-lists/index.ts";
import { createCidrSet } from "../../src/labels/index.ts";

describe("parseIpsum", () => {
  const text = "# IPsum Threat Intelligence Feed\n#\n1.2.3.4\t5\n5.6.7.8\t1\n\n9.9.9.9\t3\nnot-an-ip\t8\n";

  it("takes every address by default and skips comments and junk", () => {
    expect(parseIpsum(text)).toEqual(["1.2.3.4", "5.6.7.8", "9.9.9.9"]);
  });

  it("keeps only addresses named by at least minLists lists", () => {
    expect(parseIpsum(text, 3)).toEqual(["1.2.3.4", "9.9.9.9"]);
  });
});

describe("parseIpList", () => {
  it("splits addresses from CIDRs, strips comments and note columns, canonicalises", () => {
    const text =
      "# header\n10.0.0.1\n192.0.2.0/24 # test net\n2001:DB8:0:0::1\n198.51.100.7/32\n2001:db8::/32,note\n; other comment\ngarbage\n203.0.113.9 some note\n";
    expect(parseIpList(text)).toEqual({
      ips: ["10.0.0.1", "2001:db8::1", "198.51.100.7", "203.0.113.9"],
      cidrs: ["192.0.2.0/24", "2001:db8::/32"],
    });
  });
});

describe("parseResearchScanners", () => {
  it("reads CIDR and list name", () => {
    expect(parseResearchScanners("194.187.176.0/25\tshodan\n\n1.2.3.4/32\tcensys\n")).toEqual([
      { cidr: "194.187.176.0/25", list: "shodan" },
      { cidr: "1.2.3.4/32", list: "censys" },
    ]);
  });
});

describe("createCidrSet", () => {
  const set = createCidrSet([
    "10.0.0.0/8",
    "10.1.0.0/16",
    "192.168.1.0/24",
    "192.168.2.0/24",
    "2001:db8::/32",
    "nonsense",
  ]);

  it("answers membership at the edges of merged blocks", () => {
    expect(set.has("10.0.0.0")).toBe(true);
    expect(set.has("10.255.255.255")).toBe(true);
    expect(set.has("11.0.0.0")).toBe(false);
    expect(set.has("9.255.255.255")).toBe(false);
    expect(set.has("192.168.2.255")).toBe(true);
    expect(set.has("192.168.3.0")).toBe(false);
    expect(set.has("2001:db8:ffff::1")).toBe(true);
    expect(set.has("2001:db9::1")).toBe(false);
    expect(set.has("not an ip")).toBe(false);
  });

  it("merges overlapping and adjacent blocks", () => {
    expect(set.size).toBe(3); // 10/8, 192.168.1-2.0/23, 2001:db8::/32
  });
});
