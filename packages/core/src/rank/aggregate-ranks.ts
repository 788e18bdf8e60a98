import { v4NetworkNumber, v6NetworkKey } from "../net/network.ts";
import { decayWeight, type TDecay } from "./decay.ts";
import { type IpRegistry } from "./ip-registry.ts";
import { KeyedSums } from "./keyed-sums.ts";
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
    ...input.prefixesV4.map((prefix) => ({ family: 4 as const, prefix, sums: new KeyedSums(C) })),
    ...input.prefixesV6.map((prefix) => ({ family: 6 as const, prefix, sums: new KeyedSums(C) })),
  ];
  const v4Levels = neighbourhoods.filter((h) => h.family === 4);
  const v6Levels = neighbourhoods.filter((h) => h.family === 6);
  const as = new KeyedSums(C);

  for (let id = 0; id < n; id++) {
    const base = id * C;
    let any = false;
    for (let c = 0; c < C; c++) if ((ipRank[base + c] ?? 0) > 0) any = true;
    // Private and special-purpose sources are nobody's internet neighbourhood.
    if (!any || registry.bogon[id]) continue;
    const family = registry.family[id];
    if (family === 4) {
      const v4 = registry.v4[id] ?? 0;
      for (const level of v4Levels)
        addRow(level.sums, level.sums.slotU32(v4NetworkNumber(v4, level.prefix)), ipRank, base, 1);
    } else {
      for (const level of v6Levels)
        addRow(
          level.sums,
          level.sums.slotStr(v6NetworkKey(registry.v6, level.prefix, id * 4)),
          ipRank,
          base,
          1,
        );
    }
    const asn = registry.asn[id] ?? 0;
    const size = asn ? input.asSizes.get(asn) : undefined;
    const announced = size ? (family === 4 ? size.v4 : size.v6Slash64) : 0;
    if (announced > 0) addRow(as, as.slotU32(asn), ipRank, base, 1 / announced);
  }
  return { ipCount: n, ipRank, ipEvents, ipDaysActive, ipLastDay, neighbourhoods, as };
}

function addRow(sums: KeyedSums, slot: number, ipRank: Float64Array, base: number, scale: number): void {
  const C = sums.width;
  const out = sums.sums;
  for (let c = 0; c < C; c++) out[slot * C + c] = (out[slot * C + c] ?? 0) + (ipRank[base + c] ?? 0) * scale;
}
