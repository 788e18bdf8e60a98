import { readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SourceRuns } from "../../src/ingest/source-runs.ts";

const openFds = () => readdirSync("/proc/self/fd").length;
const runFilesInTmp = () => readdirSync(tmpdir()).filter((f) => f.startsWith("mlsec-sources-")).length;

/** Writes each run (distinct keys within a run, repeats across runs) and merges them back. */
function roundTrip(words: 1 | 4, runs: [number[], number][][]) {
  const r = new SourceRuns(words);
  for (const run of runs) {
    const keys = new Uint32Array(run.flatMap(([k]) => k));
    r.write(
      keys,
      null,
      Float64Array.from(run, ([, e]) => e),
      run.length,
    );
  }
  const merged: [string, number][] = [];
  for (const [key, events] of r.merged()) merged.push([[...key].join(":"), events]);
  return { r, merged };
}

/** What merging must give: every key once, in ascending word order, events summed. */
function expected(runs: [number[], number][][]): [string, number][] {
  const sums = new Map<string, { key: number[]; events: number }>();
  for (const run of runs)
    for (const [key, events] of run) {
      const id = key.join(":");
      const s = sums.get(id) ?? { key, events: 0 };
      s.events += events;
      sums.set(id, s);
    }
  return [...sums.values()]
    .sort((a, b) => {
      for (let w = 0; w < a.key.length; w++)
        if (a.key[w] !== b.key[w]) return (a.key[w] ?? 0) - (b.key[w] ?? 0);
      return 0;
    })
    .map((s) => [s.key.join(":"), s.events]);
}

/** Runs of distinct keys drawn from a small space, so keys repeat across runs. */
const runsOf = (words: 1 | 4, space: number) =>
  fc.array(
    fc.uniqueArray(
      fc.tuple(
        fc.array(fc.constantFrom(0, 1, 0x7fffffff, 0x80000000, 0xffffffff, space), {
          minLength: words,
          maxLength: words,
        }),
        fc.integer({ min: 1, max: 1e6 }),
      ),
      { selector: ([k]) => k.join(":"), maxLength: 40 },
    ),
    { maxLength: 6 },
  );

describe("sorted runs of sources on disk", () => {
  it("merges runs into every key once, in order, with its events summed", () => {
    for (const words of [1, 4] as const) {
      fc.assert(
        fc.property(runsOf(words, 12345), (runs) => {
          const { r, merged } = roundTrip(words, runs);
          r.dispose();
          expect(merged).toEqual(expected(runs));
        }),
        { numRuns: 200 },
      );
    }
  });

  it("reads runs far larger than its 64 KB buffer, whose records straddle buffer ends", () => {
    // 12- and 24-byte records: 64 KB holds neither a whole number of them.
    for (const words of [1, 4] as const) {
      const n = 50_000;
      const runs = [0, 1, 2].map((r) =>
        Array.from({ length: n }, (_, i): [number[], number] => {
          const k = (i * 7919 + r * 3 * n) % (2 * n); // runs overlap by a third
          return [Array.from({ length: words }, (_, w) => (w === words - 1 ? k : w)), k + r];
        }),
      );
      const { r, merged } = roundTrip(words, runs);
      expect(merged).toEqual(expected(runs));
      expect(merged.length).toBeGreaterThan(n);
      r.dispose();
    }
  });

  it("leaves no file behind and gives its descriptors back on dispose", () => {
    const fds = openFds();
    const { r } = roundTrip(1, [[[[5], 1]], [[[5], 2]], [[[7], 3]]]);
    expect(r.runs).toBe(3);
    expect(runFilesInTmp()).toBe(0);
    expect(openFds()).toBe(fds + 3);
    r.dispose();
    expect(openFds()).toBe(fds);
    expect([...r.merged()]).toEqual([]);
  });
});
