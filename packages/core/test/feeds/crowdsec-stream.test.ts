import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import type { TCrowdsecDecision } from "../../src/feeds/crowdsec-decision.ts";
import { renderDecisionList, renderDecisionStream } from "../../src/feeds/crowdsec-stream.ts";
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

async function collect(chunks: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const c of chunks) out.push(c);
  return out;
}

type TStreamBody = { new: TCrowdsecDecision[]; deleted: TCrowdsecDecision[] };

async function body(input: Parameters<typeof renderDecisionStream>[0], options = {}): Promise<TStreamBody> {
  return JSON.parse((await collect(renderDecisionStream(input, now, options))).join("")) as TStreamBody;
}

async function* lazy<T>(items: T[]): AsyncGenerator<T> {
  for (const i of items) {
    // A db cursor resolves asynchronously between rows; so does this.
    await Promise.resolve();
    yield i;
  }
}

describe("renderDecisionStream", () => {
  it("answers an empty stream with empty lists", async () => {
    const text = (await collect(renderDecisionStream({ new: [], deleted: [] }, now))).join("");
    expect(text).toBe('{"new":[],"deleted":[]}');
  });

  it("renders new and deleted decisions, leaving expired ones out of new", async () => {
    const b = await body({
      new: lazy([
        feedDecision({ value: "192.0.2.7" }),
        feedDecision({ value: "192.0.2.8", validUntil: "2026-12-06T11:00:00Z" }),
        feedDecision({ value: "2001:db8::1", family: 6, cluster: "brute-force" }),
      ]),
      deleted: lazy([{ value: "203.0.113.5", scope: "Ip" as const, scenario: "mlsec/port-scan" }]),
    });
    expect(b.new.map((d) => [d.value, d.scope, d.scenario, d.duration])).toEqual([
      ["192.0.2.7", "Ip", "mlsec/port-scan", "72h0m0s"],
      ["2001:db8::1", "Ip", "mlsec/brute-force", "72h0m0s"],
    ]);
    expect(b.deleted.map((d) => [d.value, d.type, d.duration])).toEqual([["203.0.113.5", "ban", "0s"]]);
    const ids = [...b.new, ...b.deleted].map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("serves a Range as its addresses by default, and as a Range when asked to keep it", async () => {
    const input = () => ({ new: [feedDecision({ value: "198.51.100.4/31", scope: "Range" })], deleted: [] });
    const expanded = await body(input());
    expect(expanded.new.map((d) => [d.scope, d.value])).toEqual([
      ["Ip", "198.51.100.4"],
      ["Ip", "198.51.100.5"],
    ]);
    const kept = await body(input(), { ranges: "keep" });
    expect(kept.new.map((d) => [d.scope, d.value])).toEqual([["Range", "198.51.100.4/31"]]);
    const deleted = await body({ new: [], deleted: [{ value: "198.51.100.4/31", scope: "Range" as const }] });
    expect(deleted.deleted.map((d) => d.value)).toEqual(["198.51.100.4", "198.51.100.5"]);
  });

  it("yields chunks of about the asked size that join into the same JSON", async () => {
    const many = Array.from({ length: 2000 }, (_, i) => feedDecision({ value: `10.0.${i >> 8}.${i & 255}` }));
    const chunks = await collect(renderDecisionStream({ new: many, deleted: [] }, now, { chunkChars: 4096 }));
    expect(chunks.length).toBeGreaterThan(10);
    for (const c of chunks.slice(0, -1)) expect(c.length).toBeGreaterThanOrEqual(4096);
    for (const c of chunks.slice(0, -1)) expect(c.length).toBeLessThan(4096 + 400);
    const parsed = JSON.parse(chunks.join("")) as TStreamBody;
    expect(parsed.new).toHaveLength(2000);
    expect(parsed.new[1999]?.value).toBe("10.0.7.207");
  });

  it("streams a million decisions in bounded memory", async () => {
    // Retained heap is what matters, so garbage is collected before each sample; exposing gc at
    // run time is the documented V8 way to get it without a node flag.
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const total = 1_000_000;
    async function* decisions(): AsyncGenerator<TFeedDecision> {
      const base = feedDecision();
      for (let i = 0; i < total; i++) {
        // Like a db cursor reading pages of 1000 rows.
        if (i % 1000 === 0) await Promise.resolve();
        yield { ...base, value: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` };
      }
    }
    gc();
    const before = process.memoryUsage().heapUsed;
    let peak = 0;
    let chars = 0;
    let chunks = 0;
    for await (const chunk of renderDecisionStream({ new: decisions(), deleted: [] }, now)) {
      chars += chunk.length;
      if (++chunks % 200 === 0) {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed - before);
      }
    }
    // The body is ~190 MB; holding it, or any large share of it, would show far above 32 MiB.
    expect(chars).toBeGreaterThan(150_000_000);
    expect(peak).toBeLessThan(32 * 2 ** 20);
    console.info(
      `1M decisions: ${(chars / 1e6).toFixed(0)} MB body, peak retained heap growth ${(peak / 2 ** 20).toFixed(1)} MiB`,
    );
  });
});

describe("renderDecisionList", () => {
  it("is null when nothing matches, as LAPI answers", async () => {
    expect((await collect(renderDecisionList([], now))).join("")).toBe("null");
    const expired = [feedDecision({ validUntil: "2026-12-06T11:00:00Z" })];
    expect((await collect(renderDecisionList(expired, now))).join("")).toBe("null");
  });

  it("is a JSON array of the matching decisions", async () => {
    const list = JSON.parse(
      (
        await collect(
          renderDecisionList(
            [feedDecision({ validUntil: "2026-12-06T11:00:00Z" }), feedDecision({ value: "192.0.2.9" })],
            now,
          ),
        )
      ).join(""),
    ) as TCrowdsecDecision[];
    expect(list.map((d) => [d.value, d.type, d.origin])).toEqual([["192.0.2.9", "ban", "mlsec"]]);
  });
});
