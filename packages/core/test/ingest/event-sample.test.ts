import { describe, expect, it } from "vitest";
import type { TEvent } from "@mlsec/core/events";
import { EventSampler, SAMPLE_SHARDS, sampleForAddress, sampleShard } from "@mlsec/core/ingest";

const event = (src: string, time: string, line: number): TEvent => ({
  time,
  src,
  srcClass: "public",
  srcPort: 40000,
  dst: "198.51.100.7",
  dstPort: 443,
  proto: "tcp",
  action: "block",
  sensor: null,
  format: "netfilter",
  line,
  offset: line * 100,
  count: 1,
});

describe("EventSampler (#17)", () => {
  it("keeps the first K events of each address-day and counts the rest", () => {
    const s = new EventSampler(2, 100);
    for (let i = 1; i <= 5; i++) s.add(event("203.0.113.9", "2026-12-03T00:00:0" + i + ".000Z", i));
    s.add(event("203.0.113.9", "2026-12-04T00:00:00.000Z", 6));
    const shard = s.shards().get(sampleShard("203.0.113.9")) ?? [];
    const days = sampleForAddress(shard, "203.0.113.9");
    expect(days.map((d) => [d.day, d.events.map((e) => e.line), d.more])).toEqual([
      ["2026-12-03", [1, 2], 3],
      ["2026-12-04", [6], 0],
    ]);
    expect(sampleForAddress(shard, "203.0.113.9", "2026-12-04")).toHaveLength(1);
  });

  it("never keeps more than the per-upload cap, nor entries for address-days met after it", () => {
    const s = new EventSampler(5, 10);
    for (let i = 1; i <= 100; i++) s.add(event(`198.51.100.${i}`, "2026-12-03T00:00:00.000Z", i));
    expect(s.size).toBe(10);
    const entries = [...s.shards().values()].flat();
    expect(entries).toHaveLength(10);
    expect(entries.map((e) => e.events[0]?.line).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    ]);
  });

  it("shards by a stable hash of the address", () => {
    expect(sampleShard("203.0.113.9")).toBe(sampleShard("203.0.113.9"));
    const seen = new Set(Array.from({ length: 1000 }, (_, i) => sampleShard(`10.0.${i >> 8}.${i & 255}`)));
    expect(seen.size).toBe(SAMPLE_SHARDS);
  });
});
