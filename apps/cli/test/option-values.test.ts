import { describe, expect, it } from "vitest";
import { UsageError } from "../src/args.ts";
import {
  dayOption,
  halfLifeOption,
  numberOption,
  optionalNumberOption,
  requiredDayOption,
} from "../src/option-values.ts";

describe("option values", () => {
  it("returns the fallback when absent and the number when inside the rule", () => {
    expect(numberOption({}, "top", { fallback: 10, min: 1 })).toBe(10);
    expect(numberOption({ top: "25" }, "top", { fallback: 10, min: 1, integer: true })).toBe(25);
    expect(numberOption({ c: "0.5" }, "c", { fallback: 1, above: 0 })).toBe(0.5);
    expect(optionalNumberOption({}, "seed", { integer: true })).toBeUndefined();
    expect(optionalNumberOption({ seed: "-3" }, "seed", { integer: true })).toBe(-3);
    expect(halfLifeOption({ "half-life": "60" })).toBe(60);
  });

  it("names the option and its range when a value breaks the rule", () => {
    const bad: [Record<string, string>, string, Parameters<typeof numberOption>[2], RegExp][] = [
      [{ top: "0" }, "top", { fallback: 1, min: 1 }, /--top must be a number >= 1, got '0'/],
      [{ top: "2.5" }, "top", { fallback: 1, min: 1, integer: true }, /whole number/],
      [{ c: "0" }, "c", { fallback: 1, above: 0 }, /--c must be a number > 0/],
      [{ min: "1.5" }, "min", { fallback: 0, min: 0, max: 1 }, />= 0 and <= 1, got '1.5'/],
      [{ x: "" }, "x", { fallback: 0 }, /--x must be a number/],
      [{ x: "abc" }, "x", { fallback: 0 }, /got 'abc'/],
    ];
    for (const [strings, name, rule, message] of bad) {
      expect(() => numberOption(strings, name, rule)).toThrow(UsageError);
      expect(() => numberOption(strings, name, rule)).toThrow(message);
    }
    expect(() => halfLifeOption({ "half-life": "0.5" })).toThrow(/--half-life/);
    expect(() => halfLifeOption({ "half-life": "61" })).toThrow(/<= 60/);
  });

  it("checks day options", () => {
    expect(dayOption({}, "as-of")).toBeUndefined();
    expect(dayOption({ "as-of": "2026-03-01" }, "as-of")).toBe("2026-03-01");
    expect(() => dayOption({ "as-of": "March 1" }, "as-of")).toThrow(/--as-of takes YYYY-MM-DD/);
    expect(() => requiredDayOption({}, "day")).toThrow(/--day YYYY-MM-DD is required/);
  });
});
