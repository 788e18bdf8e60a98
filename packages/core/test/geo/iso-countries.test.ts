import { describe, expect, it } from "vitest";
import { ISO_COUNTRY_CODES, isIsoCountryCode, loadCountryTableSync } from "../../src/geo/index.ts";

describe("ISO 3166-1 alpha-2 codes", () => {
  it("holds the 249 assigned codes and every country the shipped registration table uses", () => {
    expect(ISO_COUNTRY_CODES.size).toBe(249);
    const used = loadCountryTableSync().codes.slice(1);
    expect(used.length).toBeGreaterThan(200);
    expect(used.filter((c) => !isIsoCountryCode(c))).toEqual([]);
  });

  it("refuses reserved and unassigned codes", () => {
    for (const code of ["UK", "EU", "ZZ", "XK", "AA", "de"]) expect(isIsoCountryCode(code), code).toBe(false);
    expect(isIsoCountryCode("DE")).toBe(true);
  });
});
