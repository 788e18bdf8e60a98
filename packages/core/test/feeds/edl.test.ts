import { describe, expect, it } from "vitest";
import { FeedEtag, feedEtag, renderEdl, renderPfTable, slicePage } from "../../src/feeds/index.ts";
import { collect, decision, NOW, SAMPLE, toArray } from "./feed-fixtures.ts";

describe("renderEdl", () => {
  it("writes one live value a line, nothing else", async () => {
    expect(await collect(renderEdl(SAMPLE, { now: NOW }))).toBe("192.0.2.7\n198.51.100.0/24\n2001:db8::1\n");
    expect(await collect(renderEdl([], { now: NOW }))).toBe("");
  });

  it("pages the live entries", async () => {
    expect(await collect(renderEdl(SAMPLE, { now: NOW, page: { page: 2, pageSize: 2 } }))).toBe(
      "2001:db8::1\n",
    );
    expect(await collect(renderEdl(SAMPLE, { now: NOW, page: { page: 3, pageSize: 2 } }))).toBe("");
  });

  it("batches lines into chunks of about 64 KiB", async () => {
    const many = Array.from({ length: 20_000 }, (_, i) => decision(`10.0.${i >> 8}.${i & 255}`));
    const chunks = await toArray(renderEdl(many, { now: NOW }));
    expect(chunks.length).toBeGreaterThan(2);
    for (const c of chunks.slice(0, -1)) expect(c.length).toBeGreaterThanOrEqual(64 * 1024);
    for (const c of chunks.slice(0, -1)) expect(c.length).toBeLessThan(64 * 1024 + 64);
    expect(chunks.join("").split("\n")).toHaveLength(20_001);
  });
});

describe("slicePage", () => {
  it("yields only the page and stops reading the source after it", async () => {
    let read = 0;
    function* source() {
      for (let i = 0; i < 100; i++) {
        read++;
        yield decision(`10.0.0.${i}`);
      }
    }
    const page = await toArray(slicePage(source(), { page: 3, pageSize: 10 }));
    expect(page.map((d) => d.value)).toEqual(Array.from({ length: 10 }, (_, i) => `10.0.0.${20 + i}`));
    expect(read).toBe(30);
    await expect(toArray(slicePage([], { page: 0, pageSize: 10 }))).rejects.toThrow(RangeError);
  });
});

describe("feedEtag", () => {
  it("depends on live values and validUntil and the salt, not on score or an expired entry", async () => {
    const base = await feedEtag(SAMPLE, "edl", NOW);
    expect(base).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(await feedEtag(SAMPLE, "edl", NOW)).toBe(base);
    expect(await feedEtag(SAMPLE, "nftables", NOW)).not.toBe(base);
    expect(
      await feedEtag(
        SAMPLE.map((d) => ({ ...d, score: 0.1 })),
        "edl",
        NOW,
      ),
    ).toBe(base);
    expect(
      await feedEtag(
        SAMPLE.filter((d) => d.value !== "203.0.113.9"),
        "edl",
        NOW,
      ),
    ).toBe(base);
    expect(await feedEtag(SAMPLE.slice(1), "edl", NOW)).not.toBe(base);
    const later = new Date("2026-03-01T13:30:00.000Z");
    expect(await feedEtag(SAMPLE, "edl", later)).not.toBe(base);
    const incremental = new FeedEtag("edl", NOW);
    for (const d of SAMPLE) incremental.update(d);
    expect(incremental.digest()).toBe(base);
  });
});

describe("renderPfTable", () => {
  it("writes a comment header and one live value a line", async () => {
    expect(await collect(renderPfTable(SAMPLE, { now: NOW, table: "mlsec" }))).toBe(
      "# mlsec blocklist, 2026-03-01T12:00:00.000Z\n# load with: pfctl -t mlsec -T replace -f <this file>\n" +
        "192.0.2.7\n198.51.100.0/24\n2001:db8::1\n",
    );
  });
});
