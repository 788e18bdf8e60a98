import { describe, expect, it } from "vitest";
import { ingestSummaryJson, ZIngestSummary } from "../src/ingest-summary.ts";

const head = {
  lines: 3,
  events: 2,
  rejected: 1,
  byFormat: { netfilter: 2 },
  rejectedByReason: { "bad-time": 1 },
  rejectedSamples: [{ reason: "bad-time", line: 2, text: 'a "quoted" \\ line' }],
  sources: 2,
  first: "2026-01-01T00:00:00.000Z",
  last: null,
};

describe("ingestSummaryJson", () => {
  it("writes the summary with its sources as JSON that reads back to the same summary", () => {
    const ips: [string, number][] = Array.from({ length: 5000 }, (_, i) => [
      `10.0.${i >> 8}.${i & 255}`,
      i + 1,
    ]);
    ips.push(["2001:db8::1", 7]);
    const chunks = [...ingestSummaryJson(head, ips)];
    expect(chunks.length).toBeGreaterThan(2);
    const parsed = ZIngestSummary.parse(JSON.parse(chunks.join("")));
    expect(parsed).toEqual({ ...head, ips: Object.fromEntries(ips) });
  });

  it("writes an empty source list as an empty object", () => {
    expect(ZIngestSummary.parse(JSON.parse([...ingestSummaryJson(head, [])].join(""))).ips).toEqual({});
  });
});
