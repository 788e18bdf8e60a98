import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { EventSampler, ingestStream, type TIngestResult } from "@mlsec/core/ingest";

// Once the sample is full the ingest stops building events and the WebAssembly kernel parses the
// rest of the log (#21: the sample had sent every line through the TypeScript parser). The sample
// must come out exactly as if every event had been added: the same kept events, and `more`
// settled from the rollups.

const REFERENCE = new Date("2026-01-02T00:00:00Z");

/** A seeded netfilter log over three days: IPv4 and IPv6 sources (some written long-hand), repeats. */
function log(lines: number, seed: number): Buffer {
  let x = seed;
  const rnd = (n: number): number => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return (x >>> 8) % n;
  };
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    const day = 29 + Math.floor((3 * i) / lines);
    const sec = i % 86_400;
    const stamp = `Dec ${day} ${String(Math.floor(sec / 3600) % 24).padStart(2, "0")}:${String(Math.floor(sec / 60) % 60).padStart(2, "0")}:${String(sec % 60).padStart(2, "0")}`;
    const k = rnd(10);
    const src =
      k === 0
        ? `2001:DB8:0:0:0:0:${rnd(40).toString(16)}:1`
        : k === 1
          ? `2001:db8::${rnd(40).toString(16)}`
          : `198.51.${rnd(4)}.${rnd(200)}`;
    out.push(
      `${stamp} fw kernel: DROP IN=eth0 OUT= MAC= SRC=${src} DST=203.0.113.7 LEN=40 PROTO=TCP SPT=${40000 + rnd(999)} DPT=${[22, 23, 443, 3389][rnd(4)]}\n`,
    );
  }
  return Buffer.from(out.join(""));
}

async function sampled(bytes: Buffer, cutOver: boolean, perDay: number, max: number) {
  const sampler = new EventSampler(perDay, max);
  // Small reads, so the cut-over falls mid-stream and later windows go to the kernel.
  const chunks = Array.from({ length: Math.ceil(bytes.length / 50_000) }, (_, i) =>
    bytes.subarray(i * 50_000, (i + 1) * 50_000),
  );
  const result: TIngestResult = await ingestStream(Readable.from(chunks), {
    referenceDate: REFERENCE,
    onEvent: (e) => sampler.add(e),
    ...(cutOver ? { wantsEvents: () => !sampler.full } : {}),
  });
  const totals = new Map(result.rollups.map((r) => [`${r.ip} ${r.day}`, r.events]));
  for (const r of result.rollups) sampler.addRollup(r.ip, r.day, r.events);
  sampler.settle();
  return { sampler, result, totals };
}

const flat = (s: EventSampler) =>
  [...s.shards().entries()].sort((a, b) => a[0] - b[0]).flatMap(([, list]) => list);

describe("the event sample's cut-over to the kernel (#21)", () => {
  it("gives the same sample as handing every event over, with the kernel parsing the rest", async () => {
    for (const [seed, perDay, max] of [
      [1, 5, 300],
      [2, 2, 50],
      [3, 5, 1],
    ] as const) {
      const bytes = log(20_000, seed);
      const all = await sampled(bytes, false, perDay, max);
      const cut = await sampled(bytes, true, perDay, max);
      expect(all.result.kernelLines).toBe(0);
      expect(cut.result.kernelLines).toBeGreaterThan(15_000);
      expect(cut.result.events).toBe(all.result.events);
      expect(cut.result.rollups).toEqual(all.result.rollups);
      expect(flat(cut.sampler)).toEqual(flat(all.sampler));
      expect(cut.sampler.size).toBe(max);
      // Every entry's kept events and `more` add up to its rollup (each line is one event here).
      for (const s of flat(cut.sampler))
        expect(s.events.length + s.more).toBe(cut.totals.get(`${s.address} ${s.day}`));
    }
  });

  it("keeps handing events over while the sample has room", async () => {
    const bytes = log(5_000, 4);
    const cut = await sampled(bytes, true, 5, 1_000_000);
    expect(cut.sampler.full).toBe(false);
    expect(cut.result.kernelLines).toBe(0);
    expect(flat(cut.sampler)).toEqual(flat((await sampled(bytes, false, 5, 1_000_000)).sampler));
  });
});
