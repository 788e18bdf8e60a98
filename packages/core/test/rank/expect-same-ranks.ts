import { expect } from "vitest";
import { featuresFor } from "../../src/rank/features.ts";
import { type TRankSnapshot } from "../../src/rank/snapshot.ts";
import { topRanked, type TRankKind } from "../../src/rank/top-ranked.ts";

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b));

/**
 * Two snapshots rank alike: every probe's features and every ranked entry match to floating-point
 * rounding. A snapshot extended day by day numbers its addresses in another order than one built at
 * once, so sums over a neighbourhood add the same terms in another order (last-digit differences).
 */
export function expectSameRanks(
  got: TRankSnapshot,
  want: TRankSnapshot,
  probes: readonly string[],
  kinds: readonly TRankKind[] = ["ip", "v4/24", "v4/16", "v6/64", "v6/48", "as"],
): void {
  for (const ip of probes) {
    const a = featuresFor(got, ip);
    const b = featuresFor(want, ip);
    expect(a.length, ip).toBe(b.length);
    a.forEach((x, i) => expect(close(x, b[i] ?? NaN), `${ip} feature ${i}: ${x} vs ${b[i]}`).toBe(true));
  }
  for (const kind of kinds) {
    // Every entry, keyed, so near-ties that sort differently do not matter.
    const all = (s: TRankSnapshot) => new Map(topRanked(s, kind, 1_000_000).map((r) => [r.key, r]));
    const a = all(got);
    const b = all(want);
    expect([...a.keys()].sort(), kind).toEqual([...b.keys()].sort());
    for (const [key, r] of a) {
      const w = b.get(key);
      expect(close(r.rank, w?.rank ?? NaN), `${kind} ${key}: ${r.rank} vs ${w?.rank}`).toBe(true);
      r.byCluster.forEach((x, i) =>
        expect(close(x, w?.byCluster[i] ?? NaN), `${kind} ${key} c${i}`).toBe(true),
      );
    }
  }
}
