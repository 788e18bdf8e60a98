import { type TIpDayRollup } from "../rollup/ip-day-rollup.ts";
import { aggregateRanks } from "./aggregate-ranks.ts";
import { compileClusters } from "./clusters.ts";
import { collectDayColumns, collectDayColumnsFromBatches } from "./day-columns.ts";
import { decayHorizonDays } from "./decay.ts";
import { IpRegistry } from "./ip-registry.ts";
import { resolveRankOptions, type TRankOptions, type TResolvedRankOptions } from "./rank-options.ts";
import { type TRollupColumns } from "./rollup-columns.ts";
import { type TAsSize, type TDayColumn, type TRankSnapshot } from "./snapshot.ts";

/**
 * Ranks every source and neighbourhood as of `opts.asOf` from a stream of rollups, using only
 * rollups whose day is strictly before the as-of day and within the decay horizon. The stream is
 * consumed once and rollups are not retained, so it can be a generator over a database cursor.
 */
export function computeRanks(rollups: Iterable<TIpDayRollup>, opts: TRankOptions): TRankSnapshot {
  const o = resolveRankOptions(opts);
  const registry = new IpRegistry();
  const asSizes = new Map<number, TAsSize>();
  const window = { fromDay: o.asOfDay - decayHorizonDays(o.decay), toDayExclusive: o.asOfDay };
  const columns = collectDayColumns(rollups, window, compileClusters(o.clusters), registry, o.asn, asSizes);
  return rank(o, registry, columns, asSizes);
}

/**
 * computeRanks over columnar batches (see TRollupColumns), typically one or a few per day: the
 * same snapshot as computeRanks given the same rollups in the same order, without an object per
 * rollup. The iterable is consumed once and batches are not retained.
 */
export function computeRanksFromColumns(
  batches: Iterable<TRollupColumns>,
  opts: TRankOptions,
): TRankSnapshot {
  const o = resolveRankOptions(opts);
  const registry = new IpRegistry();
  const asSizes = new Map<number, TAsSize>();
  const window = { fromDay: o.asOfDay - decayHorizonDays(o.decay), toDayExclusive: o.asOfDay };
  const columns = collectDayColumnsFromBatches(batches, window, o.clusters, registry, o.asn, asSizes);
  return rank(o, registry, columns, asSizes);
}

function rank(
  o: TResolvedRankOptions,
  registry: IpRegistry,
  columns: Map<number, TDayColumn>,
  asSizes: Map<number, TAsSize>,
): TRankSnapshot {
  const days = [...columns.values()].sort((a, b) => a.day - b.day);
  const agg = aggregateRanks({
    asOfDay: o.asOfDay,
    decay: o.decay,
    clusterCount: o.clusters.length,
    prefixesV4: o.prefixesV4,
    prefixesV6: o.prefixesV6,
    registry,
    days,
    asSizes,
  });
  return {
    asOf: o.asOf,
    asOfDay: o.asOfDay,
    decay: o.decay,
    clusters: o.clusters,
    prefixesV4: o.prefixesV4,
    prefixesV6: o.prefixesV6,
    registry,
    days,
    asSizes,
    agg,
    asnTable: o.asn,
  };
}
