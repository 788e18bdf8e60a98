import { sampleKey } from "../labels/bottom-k.ts";
import { hitsAtN } from "./eval-metrics.ts";
import type { TRankerName } from "./day-slice.ts";

/**
 * Hits of blocklists made before day D: every ranker orders the same universe (every address the
 * tenant saw before D and the feed's entries listed before D, the addresses a list could name
 * without knowing D), and a hit is a listed address that is malicious on D. Unlike the row
 * rankings, a slot spent on an address that stays away on D is wasted, as in the HPB comparisons.
 */
export type TBlocklistHits = {
  universe: number;
  /** Malicious addresses of D inside the universe (the rest no list made before D could name). */
  reachable: number;
  listSizes: number[];
  oracle: number[];
  hits: Record<TRankerName, number[]>;
};

export function blocklistHits(
  rows: readonly { ip: string; y: 0 | 1; scores: Record<TRankerName, number> }[],
  listSizes: readonly number[],
  seed: number,
): TBlocklistHits {
  const reachable = rows.filter((r) => r.y === 1).length;
  const tie = rows.map((r) => sampleKey(seed, r.ip));
  const hits = perRanker((name) => {
    const ranked = rows.map((r, i) => ({ y: r.y, score: r.scores[name], tie: tie[i] ?? 0 }));
    return listSizes.map((n) => hitsAtN(ranked, n));
  });
  return {
    universe: rows.length,
    reachable,
    listSizes: [...listSizes],
    oracle: listSizes.map((n) => Math.min(n, reachable)),
    hits,
  };
}

/** Days' blocklist hits summed per list size. */
export function sumBlocklistHits(
  days: readonly TBlocklistHits[],
  listSizes: readonly number[],
): TBlocklistHits {
  const sum = (f: (d: TBlocklistHits) => number[]) =>
    listSizes.map((_, i) => days.reduce((t, d) => t + (f(d)[i] ?? 0), 0));
  const hits = perRanker((name) => sum((d) => d.hits[name]));
  return {
    universe: days.reduce((t, d) => t + d.universe, 0),
    reachable: days.reduce((t, d) => t + d.reachable, 0),
    listSizes: [...listSizes],
    oracle: sum((d) => d.oracle),
    hits,
  };
}

function perRanker(f: (name: TRankerName) => number[]): Record<TRankerName, number[]> {
  return { model: f("model"), heuristic: f("heuristic"), lwol: f("lwol"), gwol: f("gwol"), feed: f("feed") };
}
