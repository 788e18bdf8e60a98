import { readdirSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ClosedRuns } from "../../src/ingest/closed-runs.ts";

const openFds = () => readdirSync("/proc/self/fd").length;

const byWords = (a: number[], b: number[]) => {
  for (let w = 0; w < a.length; w++) if (a[w] !== b[w]) return (a[w] ?? 0) - (b[w] ?? 0);
  return 0;
};

/** Distinct keys of `width` words, sorted, as one flat array. */
function sortedFlat(keys: number[][]): Uint32Array {
  const seen = new Map(keys.map((k) => [k.join(":"), k]));
  return new Uint32Array([...seen.values()].sort(byWords).flat());
}

/**
 * Runs (disjoint, as a day's closed lists are) put for one day, then sorted probe keys padded to
 * `stride` words with a filler at the key's `at`: the indices mark() reports must be exactly the
 * probes that are in some run.
 */
function check(width: 1 | 4, runs: number[][][], probes: number[][], stride: number, at: number) {
  const closed = new ClosedRuns(width);
  const taken = new Set<string>();
  for (const run of runs) {
    const own = run.filter((k) => !taken.has(k.join(":")));
    for (const k of own) taken.add(k.join(":"));
    closed.put(7, sortedFlat(own));
  }
  const sorted = [...new Map(probes.map((k) => [k.join(":"), k])).values()].sort(byWords);
  const keys = new Uint32Array(stride * sorted.length).fill(0xdeadbeef);
  sorted.forEach((k, j) => keys.set(k, j * stride + at));
  const hits: number[] = [];
  closed.mark(7, keys, sorted.length, stride, at, (j) => hits.push(j));
  closed.mark(8, keys, sorted.length, stride, at, () => {
    throw new Error("day 8 has no runs");
  });
  closed.dispose();
  const want = sorted.flatMap((k, j) => (taken.has(k.join(":")) ? [j] : []));
  expect(hits.sort((a, b) => a - b)).toEqual(want);
}

/** `n` keys of `width` words from a seeded xorshift, each word below `range`. */
function keysOf(seed: number, n: number, width: number, range: number): number[][] {
  let x = seed | 1;
  const next = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) % range;
  };
  return Array.from({ length: n }, () =>
    Array.from({ length: width }, (_, w) => (w < width - 1 ? next() % 4 : next())),
  );
}

describe("ClosedRuns", () => {
  // Runs of 0-40k keys from a small range (so probes hit often): a run spans up to three of
  // mark()'s 16k-word chunks, and an IPv6 key can sit at a chunk's end.
  const runs = (width: 1 | 4, most: number, range: number) =>
    fc
      .array(fc.tuple(fc.integer({ min: 1, max: 2 ** 30 }), fc.integer({ min: 0, max: most })), {
        minLength: 1,
        maxLength: 4,
      })
      .map((specs) => specs.map(([seed, n]) => keysOf(seed, n, width, range)));
  const probes = (width: 1 | 4, range: number) =>
    fc
      .tuple(fc.integer({ min: 1, max: 2 ** 30 }), fc.integer({ min: 0, max: 5000 }))
      .map(([seed, n]) => keysOf(seed, n, width, range));

  it("finds exactly the probed IPv4 keys that are on disk, across chunk ends", () => {
    fc.assert(
      fc.property(runs(1, 40_000, 60_000), probes(1, 60_000), (r, p) => check(1, r, p, 2, 1)),
      { numRuns: 30 },
    );
  });

  it("finds exactly the probed IPv6 keys (four words) that are on disk, across chunk ends", () => {
    fc.assert(
      fc.property(runs(4, 12_000, 4000), probes(4, 4000), (r, p) => check(4, r, p, 4, 0)),
      { numRuns: 30 },
    );
  });

  it("keeps one descriptor for all runs and frees it on dispose", () => {
    const before = openFds();
    const closed = new ClosedRuns(1);
    for (let day = 0; day < 5; day++) closed.put(day, new Uint32Array([1, 2, 3]));
    expect(openFds()).toBe(before + 1);
    expect(closed.has(4)).toBe(true);
    closed.dispose();
    expect(openFds()).toBe(before);
    expect(closed.has(4)).toBe(false);
  });
});
