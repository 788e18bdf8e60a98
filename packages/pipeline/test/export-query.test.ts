import { describe, expect, it } from "vitest";
import { parseExportQuery } from "../src/export-query.ts";

const q = (s: string) => parseExportQuery(new URLSearchParams(s), { format: "txt" });

describe("parseExportQuery", () => {
  it("reads format, min and buckets, with the route's default format", () => {
    expect(q("")).toEqual({ ok: true, format: "txt", min: null, buckets: [] });
    expect(q("format=stix&min=0.9&bucket=block,review&bucket=allow")).toEqual({
      ok: true,
      format: "stix",
      min: 0.9,
      buckets: ["block", "review", "allow"],
    });
  });

  it("refuses unknown formats, out-of-range minimums and unknown buckets", () => {
    expect(q("format=pdf").ok).toBe(false);
    expect(q("min=1.5").ok).toBe(false);
    expect(q("min=abc").ok).toBe(false);
    expect(q("bucket=maybe").ok).toBe(false);
  });
});
