import { describe, expect, it } from "vitest";
import { createParseContext } from "../../src/ingest/parse-context.ts";
import { TIME_INVALID, parseTimeValue } from "../../src/ingest/parse-time.ts";

const iso = (s: string, ref = "2026-01-02T00:00:00Z"): string => {
  const ms = parseTimeValue(s, createParseContext(new Date(ref)));
  return Number.isNaN(ms) ? "absent" : ms === TIME_INVALID ? "invalid" : new Date(ms).toISOString();
};

describe("timestamps", () => {
  it("infers the year of BSD syslog stamps from the reference date across Dec -> Jan", () => {
    expect(iso("Dec 31 23:59:59")).toBe("2025-12-31T23:59:59.000Z");
    expect(iso("Jan  1 00:00:01")).toBe("2026-01-01T00:00:01.000Z");
    expect(iso("Jan  3 00:00:00")).toBe("2026-01-03T00:00:00.000Z"); // within the 2-day slack
    expect(iso("Mar  1 00:00:00")).toBe("2025-03-01T00:00:00.000Z");
    expect(iso("Feb 29 12:00:00")).toBe("2024-02-29T12:00:00.000Z"); // latest leap year
  });

  it("reads RFC 3339 offsets, fractions, and Cisco's year form", () => {
    expect(iso("2025-01-12T06:25:13.5+01:00")).toBe("2025-01-12T05:25:13.500Z");
    expect(iso("2025-01-12T06:25:13-0530")).toBe("2025-01-12T11:55:13.000Z");
    expect(iso("2025-01-12 06:25:13")).toBe("2025-01-12T06:25:13.000Z");
    expect(iso("Jan 12 2025 06:25:13")).toBe("2025-01-12T06:25:13.000Z");
    expect(iso("1736663113")).toBe("2025-01-12T06:25:13.000Z");
  });

  it("refuses impossible and out-of-range stamps", () => {
    for (const s of [
      "Feb 30 00:00:00",
      "2025-13-01T00:00:00Z",
      "2025-01-12T25:00:00Z",
      "1970-01-01T00:00:00Z",
      "2030-01-01T00:00:00Z",
    ]) {
      expect(iso(s)).toBe("invalid");
    }
    expect(iso("hello")).toBe("absent");
  });
});
