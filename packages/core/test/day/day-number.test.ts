import { describe, expect, it } from "vitest";
import {
  addDays,
  asOfAfter,
  asOfDayNumber,
  dayNumber,
  dayStart,
  dayString,
  MS_PER_DAY,
  utcDay,
} from "../../src/day/index.ts";

describe("day numbers and strings", () => {
  it("round-trip and reject text that is not a day", () => {
    expect(dayNumber("1970-01-02")).toBe(1);
    expect(dayString(dayNumber("2024-02-29"))).toBe("2024-02-29");
    expect(dayNumber("2024-2-29")).toBeNaN();
    expect(MS_PER_DAY).toBe(24 * 60 * 60 * 1000);
  });

  it("add days across months, leap days and years, both ways", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
    expect(addDays("2025-12-31", 1)).toBe("2026-01-01");
    expect(addDays("2026-01-01", -90)).toBe("2025-10-03");
  });

  it("take the UTC day of an instant", () => {
    expect(utcDay(new Date("2025-01-12T23:59:59.999Z"))).toBe("2025-01-12");
    expect(utcDay(Date.parse("2025-01-13T00:00:00Z"))).toBe("2025-01-13");
  });

  it("give the instant a day begins, and an invalid Date for text that is not a day", () => {
    expect(dayStart("2024-02-29").toISOString()).toBe("2024-02-29T00:00:00.000Z");
    expect(utcDay(dayStart("2026-12-07"))).toBe("2026-12-07");
    expect(Number.isNaN(dayStart("2024-2-29").getTime())).toBe(true);
  });
});

describe("the as-of rule", () => {
  it("is the day after the last event, whether an instant or a day", () => {
    expect(asOfAfter("2025-01-12T23:59:59.999Z")).toBe("2025-01-13");
    expect(asOfAfter("2025-01-12T00:00:00.000Z")).toBe("2025-01-13");
    expect(asOfAfter("2025-12-31")).toBe("2026-01-01");
  });

  it("is the day after the fallback without events", () => {
    expect(asOfAfter(null, new Date("2026-02-28T12:00:00Z"))).toBe("2026-03-01");
  });

  it("never uses the as-of day's own rollups: the as-of instant floors to its day", () => {
    expect(asOfDayNumber("2025-01-13")).toBe(dayNumber("2025-01-13"));
    expect(asOfDayNumber(new Date("2025-01-13T18:00:00Z"))).toBe(dayNumber("2025-01-13"));
    expect(() => asOfDayNumber("not a day")).toThrow(RangeError);
  });
});
