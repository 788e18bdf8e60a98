import { describe, expect, it } from "vitest";
import type { TScoredIp } from "../../src/report/report-schema.ts";
import {
  applyLists,
  createListMatcher,
  parseListText,
  parseListValue,
  selectListedEntries,
} from "../../src/score/apply-lists.ts";

const scored = (ip: string, score: number, asn: number | null = null): TScoredIp => ({
  ip,
  events: 1,
  score,
  verdict: score >= 0.5 ? "malicious" : "benign",
  bucket: score >= 0.9 ? "block" : score >= 0.5 ? "review" : "allow",
  asn,
  asOrg: null,
  country: null,
  reasons: ["model reason"],
  features: {},
});

describe("parseListValue", () => {
  it("accepts addresses, CIDRs and AS numbers and refuses anything else", () => {
    expect(parseListValue("192.0.2.1")).toMatchObject({ type: "range", bits: 32 });
    expect(parseListValue("10.0.0.0/8")).toMatchObject({ type: "range", bits: 8 });
    expect(parseListValue("2001:db8::/32")).toMatchObject({ type: "range", bits: 32 });
    expect(parseListValue("as64500")).toEqual({ type: "asn", asn: 64500 });
    expect(parseListValue("example.com")).toBeNull();
    expect(parseListValue("10.0.0.0/33")).toBeNull();
  });
});

describe("applyLists", () => {
  it("moves allow-listed IPs (by CIDR or AS) to allow and block-listed ones to block, naming the reason", () => {
    const matcher = createListMatcher([
      { kind: "allow", value: "10.0.0.0/8", reason: "internal" },
      { kind: "block", value: "AS64500", reason: "bulletproof hoster" },
    ]);
    const out = applyLists(
      [scored("10.1.2.3", 0.97), scored("198.51.100.1", 0.1, 64500), scored("203.0.113.5", 0.6)],
      matcher,
    );
    expect(out.map((s) => [s.ip, s.bucket, s.reasons[0]])).toEqual([
      ["10.1.2.3", "allow", "on the allow list: internal"],
      ["198.51.100.1", "block", "on the block list: bulletproof hoster"],
      ["203.0.113.5", "review", "model reason"],
    ]);
    // The model's score is kept, so the report still shows what the model thought.
    expect(out[0]?.score).toBe(0.97);
  });

  it("lets the most specific entry win: a blocked host inside an allowed network stays blocked", () => {
    const matcher = createListMatcher([
      { kind: "allow", value: "10.0.0.0/8", reason: "" },
      { kind: "block", value: "10.9.9.9", reason: "compromised" },
      { kind: "allow", value: "2001:db8::/32", reason: "" },
      { kind: "block", value: "AS64501", reason: "" },
    ]);
    expect(matcher.match("10.9.9.9", null)?.kind).toBe("block");
    expect(matcher.match("10.9.9.8", null)?.kind).toBe("allow");
    expect(matcher.match("2001:db8::1", 64501)?.kind).toBe("allow");
    expect(matcher.match("2001:db9::1", 64501)?.kind).toBe("block");
    expect(matcher.match("192.0.2.1", null)).toBeNull();
  });
});

describe("selectListedEntries", () => {
  it("never exports allow-listed IPs and always exports block-listed ones", () => {
    const matcher = createListMatcher([
      { kind: "allow", value: "192.0.2.0/24", reason: "" },
      { kind: "block", value: "198.51.100.7", reason: "seen in incident" },
    ]);
    const entries = [
      scored("192.0.2.9", 0.99),
      scored("198.51.100.7", 0.05),
      scored("203.0.113.1", 0.95),
      scored("203.0.113.2", 0.2),
    ].map((s) => ({ scored: s, asOf: "2026-01-02" }));
    const out = selectListedEntries(entries, { min: 0.9 }, matcher);
    expect(out.map((e) => [e.scored.ip, e.scored.bucket])).toEqual([
      ["198.51.100.7", "block"],
      ["203.0.113.1", "block"],
    ]);
    expect(selectListedEntries(entries, { min: 0.9, buckets: ["review"] }, matcher)).toEqual([]);
  });
});

describe("parseListText", () => {
  it("reads one entry a line with its reason, skipping comments and naming bad lines", () => {
    const text =
      "# allow list\n10.0.0.0/8 internal network\nAS64500\nnot-an-ip oops\n\n192.0.2.1 # trailing\n";
    expect(parseListText(text, "allow")).toEqual({
      entries: [
        { kind: "allow", value: "10.0.0.0/8", reason: "internal network" },
        { kind: "allow", value: "AS64500", reason: "" },
        { kind: "allow", value: "192.0.2.1", reason: "" },
      ],
      invalid: [4],
    });
  });
});
