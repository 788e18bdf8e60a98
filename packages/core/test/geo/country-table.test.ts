import { describe, expect, it } from "vitest";
import { buildCountryTableFromCsv, loadCountryTableSync, lookupCountry } from "../../src/geo/index.ts";

describe("lookupCountry", () => {
  const table = buildCountryTableFromCsv(
    ["16777216,16777471,AU", "16777472,16778239,CN", "3758096128,3758096383,JP"].join("\n"),
    [
      "2001:200::,2001:200:ffff:ffff:ffff:ffff:ffff:ffff,JP",
      "2a00:1450::,2a00:1450:ffff:ffff:ffff:ffff:ffff:ffff,IE",
    ].join("\n"),
  );

  it("finds the range holding an address, at both bounds", () => {
    expect(lookupCountry(table, "1.0.0.0")).toBe("AU");
    expect(lookupCountry(table, "1.0.0.255")).toBe("AU");
    expect(lookupCountry(table, "1.0.1.0")).toBe("CN");
    expect(lookupCountry(table, "1.0.3.255")).toBe("CN");
    expect(lookupCountry(table, "223.255.255.255")).toBe("JP");
  });

  it("answers null outside every range and for invalid text", () => {
    expect(lookupCountry(table, "0.255.255.255")).toBeNull();
    expect(lookupCountry(table, "1.0.4.0")).toBeNull();
    expect(lookupCountry(table, "not an ip")).toBeNull();
    expect(lookupCountry(table, "2001:1ff:ffff::1")).toBeNull();
  });

  it("looks up IPv6, and IPv4-mapped IPv6 as IPv4", () => {
    expect(lookupCountry(table, "2001:200::1")).toBe("JP");
    expect(lookupCountry(table, "2a00:1450:4001::5")).toBe("IE");
    expect(lookupCountry(table, "::ffff:1.0.1.7")).toBe("CN");
  });

  it("loads the shipped package and places well-known allocations", () => {
    const shipped = loadCountryTableSync();
    expect(shipped.v4Start.length).toBeGreaterThan(100_000);
    // APNIC's research prefix 1.0.0.0/24 is registered in Australia; RIPE NCC's own space in NL.
    expect(lookupCountry(shipped, "1.0.0.1")).toBe("AU");
    expect(lookupCountry(shipped, "193.0.6.139")).toBe("NL");
    expect(lookupCountry(shipped, "10.0.0.1")).toBeNull();
  });
});
