import { describe, expect, it } from "vitest";
import { ArrivalRates, daysBetween } from "../../src/eval/arrival-rates.ts";
import { LocalHistory } from "../../src/eval/local-history.ts";

describe("ArrivalRates (P(an address comes on the day | what a list knew of it))", () => {
  it("bins by days since the tenant last saw it and by listing", () => {
    expect(ArrivalRates.key(null, true)).toBe("never|listed");
    expect(ArrivalRates.key(1, false)).toBe("1|unlisted");
    expect(ArrivalRates.key(6, false)).toBe("4-7|unlisted");
    expect(ArrivalRates.key(30, true)).toBe("15+|listed");
  });

  it("is the share that came over the window, with a Laplace prior (hand-computed)", () => {
    const rates = new ArrivalRates(2);
    const universe = ["a", "b", "c", "d"].map((ip) => ({ ip, key: "k" }));
    expect(rates.rate("k")).toBe(0.5);
    rates.observe(universe, new Set(["a"]));
    expect(rates.rate("k")).toBe((1 + 1) / (4 + 2));
    rates.observe(universe, new Set(["a", "b", "c"]));
    expect(rates.rate("k")).toBe((4 + 1) / (8 + 2));
    // A third day pushes the first out of the two-day window.
    rates.observe(universe, new Set());
    expect(rates.rate("k")).toBe((3 + 1) / (8 + 2));
    expect(rates.rate("other")).toBe(0.5);
  });

  it("reads the last day the tenant saw an address from its history", () => {
    const h = new LocalHistory();
    const r = (day: string) => ({
      day,
      ip: "192.0.2.1",
      events: 1,
      distinctPorts: 1,
      ports: { "22": 1 },
      blockedPorts: { "22": 1 },
      protocols: { tcp: 1 },
      actions: { block: 1 },
      firstSeen: `${day}T00:00:00Z`,
      lastSeen: `${day}T00:00:00Z`,
    });
    h.add([r("2026-01-05")]);
    h.add([r("2026-01-03")]);
    expect(h.lastDay("192.0.2.1")).toBe("2026-01-05");
    expect(daysBetween(h.lastDay("192.0.2.1"), "2026-01-08")).toBe(3);
    expect(daysBetween(h.lastDay("192.0.2.9"), "2026-01-08")).toBeNull();
  });
});
