import { describe, expect, it } from "vitest";
import { goDuration, toCrowdsecDecision, toCrowdsecDeletion } from "../../src/feeds/crowdsec-decision.ts";
import { rangeAddresses } from "../../src/feeds/crowdsec-range.ts";
import type { TFeedDecision } from "../../src/feeds/feed-decision.ts";

const now = new Date("2026-12-06T12:00:00.000Z");

const feedDecision = (over: Partial<TFeedDecision> = {}): TFeedDecision => ({
  value: "192.0.2.7",
  scope: "Ip",
  family: 4,
  score: 0.97,
  bucket: "block",
  cluster: "port-scan",
  asOf: "2026-12-06",
  validUntil: "2026-12-09T12:00:00.000Z",
  asn: 64500,
  reportId: "r1",
  ...over,
});

describe("goDuration", () => {
  // Expected strings are what Go's time.Duration.String() prints for the same values.
  it.each([
    [0, "0s"],
    [1, "1ms"],
    [500, "500ms"],
    [1000, "1s"],
    [1500, "1.5s"],
    [1250, "1.25s"],
    [61_000, "1m1s"],
    [3_600_000, "1h0m0s"],
    [14_398_500, "3h59m58.5s"],
    [259_198_000, "71h59m58s"],
    [-5 * 60_000, "-5m0s"],
    [-182_000, "-3m2s"],
  ])("%d ms is %s", (ms, text) => {
    expect(goDuration(ms)).toBe(text);
  });
});

describe("toCrowdsecDecision", () => {
  it("renders every field the bouncer dereferences, with the remaining validity in whole seconds", () => {
    const d = feedDecision({ validUntil: "2026-12-09T11:59:58.900Z" });
    expect(toCrowdsecDecision(d, now, 7)).toEqual({
      id: 7,
      origin: "mlsec",
      type: "ban",
      scope: "Ip",
      value: "192.0.2.7",
      duration: "71h59m58s",
      scenario: "mlsec/port-scan",
      until: "2026-12-09T11:59:58.000Z",
      simulated: false,
    });
  });

  it("keeps a Range as a Range", () => {
    const r = toCrowdsecDecision(feedDecision({ value: "198.51.100.0/24", scope: "Range" }), now, 1);
    expect(r).toMatchObject({ scope: "Range", value: "198.51.100.0/24", duration: "72h0m0s" });
  });

  it("never renders an expired decision: the bouncer would take 0s or a negative duration as forever", () => {
    expect(toCrowdsecDecision(feedDecision({ validUntil: now.toISOString() }), now, 1)).toBeNull();
    expect(toCrowdsecDecision(feedDecision({ validUntil: "2026-12-06T11:00:00Z" }), now, 1)).toBeNull();
    expect(toCrowdsecDecision(feedDecision({ validUntil: "not a date" }), now, 1)).toBeNull();
  });

  it("rounds the last fraction of a second up to 1s rather than dropping a still-valid listing", () => {
    const d = toCrowdsecDecision(feedDecision({ validUntil: "2026-12-06T12:00:00.400Z" }), now, 1);
    expect(d?.duration).toBe("1s");
  });
});

describe("toCrowdsecDeletion", () => {
  it("fills type, scope and duration, which the bouncer dereferences even for deletes", () => {
    expect(
      toCrowdsecDeletion({ value: "192.0.2.8", scope: "Ip", scenario: "mlsec/brute-force" }, now, 3),
    ).toEqual({
      id: 3,
      origin: "mlsec",
      type: "ban",
      scope: "Ip",
      value: "192.0.2.8",
      duration: "0s",
      scenario: "mlsec/brute-force",
      until: now.toISOString(),
      simulated: false,
    });
  });

  it("takes the scenario from the cluster of a whole decision, and its (maybe negative) remaining time", () => {
    const d = toCrowdsecDeletion(feedDecision({ validUntil: "2026-12-06T11:56:58Z" }), now, 1);
    expect(d).toMatchObject({ scenario: "mlsec/port-scan", duration: "-3m2s" });
  });
});

describe("rangeAddresses", () => {
  it("lists an IPv4 CIDR's addresses, host bits cleared", () => {
    expect([...(rangeAddresses("192.0.2.9/30") ?? [])]).toEqual([
      "192.0.2.8",
      "192.0.2.9",
      "192.0.2.10",
      "192.0.2.11",
    ]);
  });

  it("lists an IPv6 CIDR's addresses", () => {
    expect([...(rangeAddresses("2001:db8::/127") ?? [])]).toEqual(["2001:db8::", "2001:db8::1"]);
  });

  it("refuses what is not a CIDR or is larger than the limit", () => {
    expect(rangeAddresses("not-a-cidr")).toBeNull();
    expect(rangeAddresses("10.0.0.0/15")).toBeNull();
    expect(rangeAddresses("2001:db8::/64")).toBeNull();
    expect(rangeAddresses("192.0.2.0/24", 255)).toBeNull();
    expect([...(rangeAddresses("10.0.0.0/16") ?? [])]).toHaveLength(65_536);
  });
});
