import { v4NetworkNumber, v6NetworkKey } from "../net/network.ts";
import { decayWeight, type TDecay } from "./decay.ts";
import { type IpRegistry } from "./ip-registry.ts";
import { KeyedSums } from "./keyed-sums.ts";
import { SlotStats } from "./slot-stats.ts";
import { type TAggregates, type TAsSize, type TDayColumn, type TNeighbourhood } from "./snapshot.ts";

export type TAggregateInput = {
  asOfDay: number;
  decay: TDecay;
  clusterCount: number;
  prefixesV4: number[];
  prefixesV6: number[];
  registry: IpRegistry;
  days: TDayColumn[];
  asSizes: Map<number, TAsSize>;
};

/**
 * Recomputes every rank from the retained day columns. Deterministic: days ascending, records in
 * stored order, neighbourhoods in id order, so a full compute and an incremental update that
 * hold the same columns produce bit-identical sums.
 */
export function aggregateRanks(input: TAggregateInput): TAggregates {
  const { registry, clusterCount: C } = input;
  const n = registry.size;
  const ipRank = new Float64Array(n * C);
  const ipEvents = new Float64Array(n);
  const ipDaysActive = new Uint16Array(n);
  const ipLastDay = new Int32Array(n).fill(-1);
  // Bits already ranked for an id on the day being processed: an IP is rank 1 at most once a day
  // per cluster even if duplicate rollups (e.g. two uploads of one day) reach the engine.
  const seenMask = new Uint16Array(n);
  // First and last day each source was bad in any cluster, for its neighbourhoods' figures.
  const badFirst = new Int32Array(n).fill(-1);
  const badLast = new Int32Array(n).fill(-1);

  for (const col of input.days) {
    const w = decayWeight(input.decay, input.asOfDay - col.day);
    if (w <= 0) continue;
    const { ids, masks, events } = col;
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k] ?? 0;
      ipEvents[id] = (ipEvents[id] ?? 0) + (events[k] ?? 0);
      if (ipLastDay[id] !== col.day) {
        ipLastDay[id] = col.day;
        ipDaysActive[id] = (ipDaysActive[id] ?? 0) + 1;
        seenMask[id] = 0;
      }
      const prev = seenMask[id] ?? 0;
      if ((masks[k] ?? 0) !== 0) {
        if ((badFirst[id] ?? -1) < 0) badFirst[id] = col.day;
        badLast[id] = col.day;
      }
      let fresh = (masks[k] ?? 0) & ~prev;
      if (fresh === 0) continue;
      seenMask[id] = prev | fresh;
      const base = id * C;
      while (fresh !== 0) {
        const c = 31 - Math.clz32(fresh & -fresh);
        ipRank[base + c] = (ipRank[base + c] ?? 0) + w;
        fresh &= fresh - 1;
      }
    }
  }

  const neighbourhoods: TNeighbourhood[] = [
    ...input.prefixesV4.map((prefix) => ({
      family: 4 as const,
      prefix,
      sums: new KeyedSums(C),
      stats: new SlotStats(),
    })),
    ...input.prefixesV6.map((prefix) => ({
      family: 6 as const,
      prefix,
      sums: new KeyedSums(C),
      stats: new SlotStats(),
    })),
  ];
  const v4Levels = neighbourhoods.filter((h) => h.family === 4);
  const v6Levels = neighbourhoods.filter((h) => h.family === 6);
  const as = new KeyedSums(C);
  const asStats = new SlotStats();
  // One bad source's figures into a slot: its rank over every cluster and its bad days.
  const count = (stats: SlotStats, slot: number, id: number): void => {
    let total = 0;
    for (let c = 0; c < C; c++) total += ipRank[id * C + c] ?? 0;
    stats.add(slot, total, badFirst[id] ?? -1, badLast[id] ?? -1);
  };

  const ranked = new Uint8Array(n);
  for (let id = 0; id < n; id++) {
    const base = id * C;
    // Private and special-purpose sources are nobody's internet neighbourhood.
    if (registry.bogon[id]) continue;
    for (let c = 0; c < C; c++) if ((ipRank[base + c] ?? 0) > 0) ranked[id] = 1;
  }
  if (v4Levels.length > 0) sumV4Levels(registry, ranked, ipRank, v4Levels, count);

  let lastAsn = -1;
  let lastScale = [0, 0];
  for (let id = 0; id < n; id++) {
    if (!ranked[id]) continue;
    const base = id * C;
    const family = registry.family[id];
    if (family === 6) {
      for (const level of v6Levels) {
        const slot = level.sums.slotStr(v6NetworkKey(registry.v6, level.prefix, id * 4));
        addRow(level.sums, slot, ipRank, base, 1);
        count(level.stats, slot, id);
      }
    }
    const asn = registry.asn[id] ?? 0;
    if (asn !== lastAsn) {
      const size = asn ? input.asSizes.get(asn) : undefined;
      lastAsn = asn;
      lastScale = [
        size && size.v4 > 0 ? 1 / size.v4 : 0,
        size && size.v6Slash64 > 0 ? 1 / size.v6Slash64 : 0,
      ];
    }
    const scale = (family === 4 ? lastScale[0] : lastScale[1]) ?? 0;
    if (scale > 0) {
      const slot = as.slotU32(asn);
      addRow(as, slot, ipRank, base, scale);
      count(asStats, slot, id);
    }
  }
  return { ipCount: n, ipRank, ipEvents, ipDaysActive, ipLastDay, neighbourhoods, as, asStats };
}

/**
 * IPv4 neighbourhoods by walking addresses in order, where each network is one contiguous run: no
 * hash probe per address. Within a run, rows are added in id order, the order the former id-ordered
 * pass used, so every sum is bit-identical to it.
 */
function sumV4Levels(
  registry: IpRegistry,
  ranked: Uint8Array,
  ipRank: Float64Array,
  levels: TNeighbourhood[],
  count: (stats: SlotStats, slot: number, id: number) => void,
): void {
  const { keys, ids } = registry.v4ByAddress();
  const candKeys = new Uint32Array(keys.length);
  const candIds = new Int32Array(keys.length);
  let m = 0;
  for (let j = 0; j < keys.length; j++) {
    const id = ids[j] ?? 0;
    if (id >= ranked.length || !ranked[id]) continue;
    candKeys[m] = keys[j] ?? 0;
    candIds[m++] = id;
  }
  const run = new Int32Array(m);
  for (const level of levels) {
    const { sums, prefix } = level;
    const C = sums.width;
    for (let j = 0; j < m;) {
      const net = v4NetworkNumber(candKeys[j] ?? 0, prefix);
      let end = j + 1;
      while (end < m && v4NetworkNumber(candKeys[end] ?? 0, prefix) === net) end++;
      const slot = sums.appendU32(net);
      const len = end - j;
      if (len === 1) {
        addRow(sums, slot, ipRank, (candIds[j] ?? 0) * C, 1);
        count(level.stats, slot, candIds[j] ?? 0);
      } else {
        // Ids are distinct; short runs (most /24s) are insertion-sorted without allocating.
        for (let k = 0; k < len; k++) {
          const id = candIds[j + k] ?? 0;
          let at = k;
          for (; at > 0 && (run[at - 1] ?? 0) > id && len <= 32; at--) run[at] = run[at - 1] ?? 0;
          run[at] = id;
        }
        if (len > 32) run.subarray(0, len).sort();
        for (let k = 0; k < len; k++) {
          addRow(sums, slot, ipRank, (run[k] ?? 0) * C, 1);
          count(level.stats, slot, run[k] ?? 0);
        }
      }
      j = end;
    }
  }
}

function addRow(sums: KeyedSums, slot: number, ipRank: Float64Array, base: number, scale: number): void {
  const C = sums.width;
  const out = sums.sums;
  for (let c = 0; c < C; c++) out[slot * C + c] = (out[slot * C + c] ?? 0) + (ipRank[base + c] ?? 0) * scale;
}
