import { neighbourhoodSize, v4NetworkCidr, v6NetworkCidr } from "../net/network.ts";
import { compareWords } from "../asn/asn-table.ts";
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

type TSource = {
  values: Float64Array;
  count: number;
  keyOf: (slot: number) => string;
  /** Orders slots by key without formatting text (ties are common: equal ages give equal ranks). */
  compareKeys: (a: number, b: number) => number;
  labelOf: (slot: number) => string | undefined;
  scale: number;
};

/**
 * The n highest ranked entries of a kind, highest first, ties by key. `cluster` restricts the
 * rank to one cluster by name; otherwise ranks are summed over clusters. A bounded heap keeps this
 * O(entries · log n) over millions of sources.
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
  const src = source(snapshot, kind);
  const { values, compareKeys } = src;
  const limit = Math.max(0, Math.floor(n));
  if (limit === 0) return [];
  // Min-heap on "goodness": the root is the worst kept entry.
  const heapSlot: number[] = [];
  const heapRank: number[] = [];
  const worse = (i: number, j: number) => {
    const ri = heapRank[i] ?? 0;
    const rj = heapRank[j] ?? 0;
    return ri < rj || (ri === rj && compareKeys(heapSlot[i] ?? 0, heapSlot[j] ?? 0) > 0);
  };
  const swap = (i: number, j: number) => {
    [heapSlot[i], heapSlot[j]] = [heapSlot[j] ?? 0, heapSlot[i] ?? 0];
    [heapRank[i], heapRank[j]] = [heapRank[j] ?? 0, heapRank[i] ?? 0];
  };
  for (let slot = 0; slot < src.count; slot++) {
    let rank = 0;
    for (let c = 0; c < C; c++) if (only < 0 || only === c) rank += values[slot * C + c] ?? 0;
    if (!(rank > 0)) continue;
    if (heapSlot.length < limit) {
      heapSlot.push(slot);
      heapRank.push(rank);
      for (let i = heapSlot.length - 1; i > 0;) {
        const parent = (i - 1) >> 1;
        if (!worse(i, parent)) break;
        swap(i, parent);
        i = parent;
      }
      continue;
    }
    const top = heapRank[0] ?? 0;
    if (rank < top || (rank === top && compareKeys(slot, heapSlot[0] ?? 0) > 0)) continue;
    heapSlot[0] = slot;
    heapRank[0] = rank;
    for (let i = 0; ;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heapSlot.length && worse(l, m)) m = l;
      if (r < heapSlot.length && worse(r, m)) m = r;
      if (m === i) break;
      swap(i, m);
      i = m;
    }
  }
  const order = heapSlot.map((slot, i) => ({ slot, rank: heapRank[i] ?? 0 }));
  order.sort((a, b) => b.rank - a.rank || compareKeys(a.slot, b.slot));
  return order.map(({ slot }) => {
    const byCluster = Array.from({ length: C }, (_, c) => (values[slot * C + c] ?? 0) * src.scale);
    let rank = 0;
    byCluster.forEach((v, c) => {
      if (only < 0 || only === c) rank += v;
    });
    const label = src.labelOf(slot);
    const key = src.keyOf(slot);
    return label === undefined ? { key, rank, byCluster } : { key, rank, byCluster, label };
  });
}

const cmp = (a: number, b: number) => (a < b ? -1 : a > b ? 1 : 0);

function source(snapshot: TRankSnapshot, kind: TRankKind): TSource {
  const { agg, registry } = snapshot;
  if (kind === "ip") {
    const compareKeys = (a: number, b: number) => {
      const fa = registry.family[a] ?? 4;
      const fb = registry.family[b] ?? 4;
      if (fa !== fb) return fa - fb;
      return fa === 4
        ? cmp(registry.v4[a] ?? 0, registry.v4[b] ?? 0)
        : compareWords(registry.v6, a * 4, registry.v6, b * 4);
    };
    return {
      values: agg.ipRank,
      count: agg.ipCount,
      keyOf: (id) => registry.textOf(id),
      compareKeys,
      labelOf: () => undefined,
      scale: 1,
    };
  }
  if (kind === "as") {
    const asnOf = (slot: number) => agg.as.numKeys[slot] ?? 0;
    return {
      values: agg.as.sums,
      count: agg.as.size,
      keyOf: (slot) => `AS${asnOf(slot)}`,
      compareKeys: (a, b) => cmp(asnOf(a), asnOf(b)),
      labelOf: (slot) => snapshot.asSizes.get(asnOf(slot))?.org ?? "",
      scale: 1,
    };
  }
  const match = /^v([46])\/(\d+)$/.exec(kind);
  const family = match?.[1] === "4" ? 4 : 6;
  const prefix = Number(match?.[2]);
  const level = agg.neighbourhoods.find((h) => h.family === family && h.prefix === prefix);
  if (!match || !level) throw new RangeError(`no ${kind} neighbourhoods in this snapshot`);
  const sums = level.sums;
  const scale = 1 / neighbourhoodSize(family, prefix);
  if (family === 4) {
    const num = (slot: number) => sums.numKeys[slot] ?? 0;
    return {
      values: sums.sums,
      count: sums.size,
      keyOf: (slot) => v4NetworkCidr(num(slot), prefix),
      compareKeys: (a, b) => cmp(num(a), num(b)),
      labelOf: () => undefined,
      scale,
    };
  }
  const str = (slot: number) => sums.strKeys[slot] ?? "";
  return {
    values: sums.sums,
    count: sums.size,
    keyOf: (slot) => v6NetworkCidr(str(slot)),
    compareKeys: (a, b) => (str(a) < str(b) ? -1 : str(a) > str(b) ? 1 : 0),
    labelOf: () => undefined,
    scale,
  };
}
