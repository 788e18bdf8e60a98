import { describe, expect, it } from "vitest";
import { acceptsTaxii, parseTaxiiPageQuery } from "./taxii-route.ts";

describe("acceptsTaxii", () => {
  it("takes TAXII 2.1, a version-less TAXII type, wildcards and no header", () => {
    for (const accept of [
      null,
      "",
      "application/taxii+json;version=2.1",
      "application/taxii+json; version=2.1",
      'application/taxii+json;version="2.1"',
      "application/taxii+json",
      "application/xml, */*;q=0.1",
      "application/*",
    ])
      expect(acceptsTaxii(accept), String(accept)).toBe(true);
  });

  it("refuses other types, other TAXII versions and q=0", () => {
    for (const accept of [
      "application/xml",
      "application/json",
      "application/taxii+json;version=2.0",
      "application/stix+json;version=2.1",
      "application/taxii+json;version=2.1;q=0",
    ])
      expect(acceptsTaxii(accept), accept).toBe(false);
  });
});

describe("parseTaxiiPageQuery", () => {
  const parse = (query: string) => parseTaxiiPageQuery(new URL(`http://x/objects/?${query}`));

  it("reads the filters, lowering limit to the largest page", () => {
    expect(parse("added_after=2026-03-01T10:00:00.123Z&limit=20000&match[type]=indicator,identity")).toEqual({
      addedAfter: new Date("2026-03-01T10:00:00.123Z"),
      limit: 10_000,
      cursor: null,
      types: ["indicator", "identity"],
    });
    expect(parse("")).toEqual({ addedAfter: null, limit: 10_000, cursor: null, types: null });
  });

  it("answers 400 for a bad timestamp, limit or next", async () => {
    for (const query of ["added_after=2026-03-01", "limit=0", "limit=2.5", "next=zzz"]) {
      const res = parse(query);
      expect(res, query).toBeInstanceOf(Response);
      if (res instanceof Response)
        expect(((await res.json()) as { http_status: string }).http_status).toBe("400");
    }
  });
});
