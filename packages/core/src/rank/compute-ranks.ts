import { type TIpDayRollup } from "../rollup/ip-day-rollup.ts";
import { RankBuilder } from "./rank-builder.ts";
import { type TRankOptions } from "./rank-options.ts";
import { type TRollupColumns } from "./rollup-columns.ts";
import { type TRankSnapshot } from "./snapshot.ts";

/**
 * Ranks every source and neighbourhood as of `opts.asOf` from a stream of rollups, using only
 * rollups whose day is strictly before the as-of day and within the decay horizon. The stream is
 * consumed once and rollups are not retained, so it can be a generator over a database cursor.
 */
export function computeRanks(rollups: Iterable<TIpDayRollup>, opts: TRankOptions): TRankSnapshot {
  return new RankBuilder(opts).add(rollups).finish();
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
  return new RankBuilder(opts).addColumns(batches).finish();
}
