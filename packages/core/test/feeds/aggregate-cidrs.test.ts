import { describe, expect, it } from "vitest";
import {
  blockEnd,
  FAMILY_BITS,
  formatBlock,
  parseFeedBlock,
  type TFeedBlock,
} from "../../src/feeds/feed-block.ts";
import {
  aggregateCidrs,
  decisionSortKey,
  type TFeedDecision,
  withoutOverlaps,
} from "../../src/feeds/index.ts";
import { decision, NOW, rng, toArray } from "./feed-fixtures.ts";

const sorted = (ds: TFeedDecision[]) =>
  ds
    .map((d) => ({ d, key: decisionSortKey(d.value) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ d }) => d);

/** Every address of the blocks, as "family:number". */
function expand(values: string[]): Set<string> {
  const out = new Set<string>();
  for (const v of values) {
    const b = parseFeedBlock(v);
    if (!b) throw new Error(v);
    for (let a = b.start; a <= blockEnd(b); a++) out.add(`${b.family}:${a}`);
  }
  return out;
}

/** Reference minimal cover: each maximal run of addresses split greedily into aligned blocks. */
function minimalCover(addresses: Set<string>): string[] {
  const byFamily = { 4: [] as bigint[], 6: [] as bigint[] };
  for (const a of addresses) {
    const [f, n] = a.split(":");
    byFamily[f === "4" ? 4 : 6].push(BigInt(n ?? 0));
  }
  const out: string[] = [];
  for (const family of [4, 6] as const) {
    const list = byFamily[family].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    let i = 0;
    while (i < list.length) {
      let j = i;
      while (j + 1 < list.length && list[j + 1] === (list[j] ?? 0n) + 1n) j++;
      let start = list[i] ?? 0n;
      const end = list[j] ?? 0n;
      while (start <= end) {
        let bits = FAMILY_BITS[family];
        while (bits > 0) {
          const size = 1n << BigInt(FAMILY_BITS[family] - bits + 1);
          if (start % size !== 0n || start + size - 1n > end) break;
          bits--;
        }
        const block: TFeedBlock = { family, start, bits };
        out.push(formatBlock(block));
        start = blockEnd(block) + 1n;
      }
      i = j + 1;
    }
  }
  return out;
}

describe("aggregateCidrs", () => {
  it("merges four adjacent /32s into a /30: highest score's metadata, earliest validUntil", async () => {
    const input = [
      decision("192.0.2.0", {
        score: 0.6,
        validUntil: "2026-03-02T00:00:00.000Z",
        cluster: "a",
        reportId: "r1",
      }),
      decision("192.0.2.1", {
        score: 0.9,
        validUntil: "2026-03-05T00:00:00.000Z",
        cluster: "b",
        reportId: "r2",
        asOf: "2026-02-27",
      }),
      decision("192.0.2.2", {
        score: 0.7,
        validUntil: "2026-03-01T18:00:00.000Z",
        cluster: "c",
        reportId: "r3",
      }),
      decision("192.0.2.3", {
        score: 0.8,
        validUntil: "2026-03-03T00:00:00.000Z",
        cluster: "d",
        reportId: "r4",
      }),
      decision("192.0.2.5", { score: 0.5 }),
    ];
    const out = await toArray(aggregateCidrs(input));
    expect(out).toHaveLength(2);
    expect(out[0]).toMatchObject({
      value: "192.0.2.0/30",
      scope: "Range",
      score: 0.9,
      cluster: "b",
      reportId: "r2",
      asOf: "2026-02-27",
      validUntil: "2026-03-01T18:00:00.000Z",
    });
    expect(out[1]).toMatchObject({ value: "192.0.2.5", scope: "Ip", score: 0.5 });
  });

  it("does not merge across an unaligned boundary, absorbs contained blocks, handles IPv6", async () => {
    const input = sorted([
      decision("192.0.2.1"),
      decision("192.0.2.2"),
      decision("10.0.0.0/24", { score: 0.5 }),
      decision("10.0.0.7", { score: 0.99, cluster: "inner" }),
      decision("2001:db8::"),
      decision("2001:db8::1"),
    ]);
    const out = await toArray(aggregateCidrs(input));
    expect(out.map((d) => d.value)).toEqual(["10.0.0.0/24", "192.0.2.1", "192.0.2.2", "2001:db8::/127"]);
    expect(out[0]).toMatchObject({ score: 0.99, cluster: "inner", validUntil: "2026-03-01T13:00:00.000Z" });
    expect(out[3]).toMatchObject({ family: 6, scope: "Range" });
  });

  it("drops expired decisions first when given now", async () => {
    const input = [decision("192.0.2.0"), decision("192.0.2.1", { validUntil: "2026-03-01T11:00:00.000Z" })];
    expect((await toArray(aggregateCidrs(input, { now: NOW }))).map((d) => d.value)).toEqual(["192.0.2.0"]);
    expect((await toArray(aggregateCidrs(input))).map((d) => d.value)).toEqual(["192.0.2.0/31"]);
  });

  it("round-trips on random inputs: the output covers exactly the input's addresses, minimally", async () => {
    const next = rng(42);
    for (let round = 0; round < 20; round++) {
      const input: TFeedDecision[] = [];
      const density = 0.2 + next() * 0.75;
      for (let a = 0; a < 1024; a++)
        if (next() < density) input.push(decision(`10.1.${a >> 8}.${a & 255}`, { score: next() }));
      for (let a = 0; a < 512; a++)
        if (next() < density) input.push(decision(`2001:db8::${a.toString(16)}`, { score: next() }));
      // A few blocks on top, some overlapping the addresses.
      for (let k = 0; k < 3; k++)
        input.push(decision(`10.1.${Math.floor(next() * 4)}.${Math.floor(next() * 16) * 16}/28`));
      input.push(decision("2001:db8::100/120"));
      const out = await toArray(aggregateCidrs(sorted(input)));
      const inputAddrs = expand(input.map((d) => d.value));
      expect(expand(out.map((d) => d.value))).toEqual(inputAddrs);
      expect(out.map((d) => d.value)).toEqual(minimalCover(inputAddrs));
      // Scores are the highest of each output's members.
      const blocks = input.map((d) => ({ d, b: parseFeedBlock(d.value) }));
      for (const o of out) {
        const b = parseFeedBlock(o.value);
        if (!b) throw new Error(o.value);
        const end = blockEnd(b);
        let best = -1;
        for (const { d, b: m } of blocks)
          if (m && m.family === b.family && m.start >= b.start && blockEnd(m) <= end)
            best = Math.max(best, d.score);
        expect(o.score).toBe(best);
      }
    }
  });
});

describe("withoutOverlaps", () => {
  it("drops blocks inside earlier ones and canonicalises values", async () => {
    const out = await toArray(
      withoutOverlaps(
        sorted([
          decision("10.0.0.9/24"),
          decision("10.0.0.5"),
          decision("10.0.1.1"),
          decision("10.0.0.0/25"),
        ]),
      ),
    );
    expect(out.map((d) => d.value)).toEqual(["10.0.0.0/24", "10.0.1.1"]);
  });
});
