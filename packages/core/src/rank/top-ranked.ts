import { neighbourhoodSize, v4NetworkCidr, v6NetworkCidr } from "../net/network.ts";
import { type TRankSnapshot } from "./snapshot.ts";

/** "ip", "as", or a neighbourhood level such as "v4/24", "v6/48" (any configured prefix). */
export type TRankKind = "ip" | "v4/24" | "v4/16" | "v6/64" | "v6/48" | "v6/32" | "as" | `v${4 | 6}/${number}`;

export type TRanked = {
  key: string;
  /** Sum over the selected clusters of the (normalised, for neighbourhoods and ASes) decayed rank. */
  rank: number;
  /** Per-cluster ranks in snapshot.clusters order. */
  byCluster: number[];
  /** AS organisation, for kind "as". */
  label?: string;
};

/**
 * The n highest ranked entries of a kind, highest first (ties by key). `cluster` restricts the
 * rank to one cluster by name; otherwise ranks are summed over clusters.
 */
export function topRanked(
  snapshot: TRankSnapshot,
  kind: TRankKind,
  n: number,
  opts: { cluster?: string } = {},
): TRanked[] {
  const C = snapshot.clusters.length;
  const only = opts.cluster === undefined ? -1 : snapshot.clusters.findIndex((c) => c.name === opts.cluster);
  if (opts.cluster !== undefined && only < 0) throw new RangeError(`unknown cluster: ${opts.cluster}`);
  const { values, count, keyOf, labelOf, scale } = source(snapshot, kind);
  const scored: { slot: number; rank: number }[] = [];
  for (let slot = 0; slot < count; slot++) {
    let rank = 0;
    for (let c = 0; c < C; c++) if (only < 0 || only === c) rank += values[slot * C + c] ?? 0;
    if (rank > 0) scored.push({ slot, rank: rank * scale });
  }
  if (n <= 0 || scored.length === 0) return [];
  // Numbers first; keys (formatting an address each) only for the entries that can make the cut.
  scored.sort((a, b) => b.rank - a.rank);
  const cut = scored[Math.min(n, scored.length) - 1]?.rank ?? 0;
  const contenders = scored.filter((e) => e.rank >= cut).map((e) => ({ ...e, key: keyOf(e.slot) }));
  contenders.sort((a, b) => b.rank - a.rank || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return contenders.slice(0, n).map(({ slot, rank, key }) => {
    const byCluster = Array.from({ length: C }, (_, c) => (values[slot * C + c] ?? 0) * scale);
    const label = labelOf(slot);
    return label === undefined ? { key, rank, byCluster } : { key, rank, byCluster, label };
  });
}

type TSource = {
  values: Float64Array;
  count: number;
  keyOf: (slot: number) => string;
  labelOf: (slot: number) => string | undefined;
  scale: number;
};

function source(snapshot: TRankSnapshot, kind: TRankKind): TSource {
  const { agg, registry } = snapshot;
  if (kind === "ip") {
    return {
      values: agg.ipRank,
      count: agg.ipCount,
      keyOf: (id) => registry.textOf(id),
      labelOf: () => undefined,
      scale: 1,
    };
  }
  if (kind === "as") {
    const keyOf = (slot: number) => `AS${agg.as.numKeys[slot] ?? 0}`;
    const labelOf = (slot: number) => snapshot.asSizes.get(agg.as.numKeys[slot] ?? 0)?.org ?? "";
    return { values: agg.as.sums, count: agg.as.size, keyOf, labelOf, scale: 1 };
  }
  const match = /^v([46])\/(\d+)$/.exec(kind);
  const family = match?.[1] === "4" ? 4 : 6;
  const prefix = Number(match?.[2]);
  const level = agg.neighbourhoods.find((h) => h.family === family && h.prefix === prefix);
  if (!match || !level) throw new RangeError(`no ${kind} neighbourhoods in this snapshot`);
  const sums = level.sums;
  const keyOf = (slot: number) =>
    family === 4 ? v4NetworkCidr(sums.numKeys[slot] ?? 0, prefix) : v6NetworkCidr(sums.strKeys[slot] ?? "");
  return {
    values: sums.sums,
    count: sums.size,
    keyOf,
    labelOf: () => undefined,
    scale: 1 / neighbourhoodSize(family, prefix),
  };
}
