import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import {
  aggregateCidrs,
  renderEdl,
  renderIpsetRestore,
  renderMispEvent,
  renderNftablesScript,
  renderSuricataIprep,
  renderTaxiiEnvelope,
  renderZeekIntel,
  type TFeedDecision,
  taxiiIndicatorItem,
} from "../../src/feeds/index.ts";
import { decision, NOW } from "./feed-fixtures.ts";

const TOTAL = 1_000_000;

/** Decisions as a db cursor would hand them over: in sortKey order, a page at a time. */
async function* decisions(total = TOTAL): AsyncGenerator<TFeedDecision> {
  const base = decision("10.0.0.0");
  for (let i = 0; i < total; i++) {
    if (i % 1000 === 0) await Promise.resolve();
    // Every third address missing, so aggregation has both merges and gaps.
    const a = Math.floor(i * 1.5);
    yield { ...base, value: `10.${(a >> 16) & 255}.${(a >> 8) & 255}.${a & 255}`, score: (i % 100) / 100 };
  }
}

/**
 * Retained heap while rendering: garbage is collected before each sample (gc exposed at run time,
 * V8's documented way without a node flag), so only what the renderer holds counts.
 */
async function measure(chunks: AsyncIterable<string>): Promise<{ chars: number; peak: number }> {
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  gc();
  const before = process.memoryUsage().heapUsed;
  let peak = 0;
  let chars = 0;
  let n = 0;
  for await (const chunk of chunks) {
    chars += chunk.length;
    if (++n % 200 === 0) {
      gc();
      peak = Math.max(peak, process.memoryUsage().heapUsed - before);
    }
  }
  return { chars, peak };
}

const LIMIT = 32 * 2 ** 20;

// A million through the line formats; the formats that cost several microseconds a line (a UUID
// and JSON per MISP attribute) get a fifth of that, which still dwarfs the limit if held.
describe("renderers stream a million decisions in bounded memory", () => {
  const cases: [string, () => AsyncIterable<string>, number][] = [
    ["edl", () => renderEdl(decisions(), { now: NOW }), 10_000_000],
    ["nftables", () => renderNftablesScript(decisions(), { now: NOW }), 25_000_000],
    ["ipset (aggregated)", () => renderIpsetRestore(aggregateCidrs(decisions()), { now: NOW }), 15_000_000],
    ["suricata", () => renderSuricataIprep(decisions(), { now: NOW }), 15_000_000],
    ["zeek (200k)", () => renderZeekIntel(decisions(200_000), { now: NOW }), 20_000_000],
    [
      "misp event (200k)",
      () =>
        renderMispEvent(
          decisions(200_000),
          { day: "2026-03-01", count: 200_000, timestamp: 1 },
          { tenantId: "t", orgName: "o" },
        ),
      60_000_000,
    ],
  ];
  for (const [name, render, minChars] of cases) {
    it(name, async () => {
      const { chars, peak } = await measure(render());
      // Holding the body, or a large share of it, would show far above the limit.
      expect(chars).toBeGreaterThan(minChars);
      expect(peak).toBeLessThan(LIMIT);
      console.info(
        `${name}: ${(chars / 1e6).toFixed(0)} MB body, peak retained heap growth ${(peak / 2 ** 20).toFixed(1)} MiB`,
      );
    });
  }

  it("taxii envelope (one page of the maximum size, streamed from the cursor)", async () => {
    async function* items() {
      for await (const d of decisions()) yield taxiiIndicatorItem(d, NOW, "t");
    }
    const { chars, peak } = await measure(renderTaxiiEnvelope(items(), { limit: TOTAL }));
    expect(chars).toBeGreaterThan(5_000_000);
    expect(peak).toBeLessThan(LIMIT);
  });
});
