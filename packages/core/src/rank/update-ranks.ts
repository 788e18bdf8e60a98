import { type TAsnTable } from "../asn/asn-table.ts";
import { type TIpDayRollup } from "../rollup/ip-day-rollup.ts";
import { aggregateRanks } from "./aggregate-ranks.ts";
import { compileClusters } from "./clusters.ts";
import { collectDayColumns, mergeDayColumns } from "./day-columns.ts";
import { asOfDayNumber, dayString } from "./day-number.ts";
import { decayHorizonDays } from "./decay.ts";
import { type TDayColumn, type TRankSnapshot } from "./snapshot.ts";

/**
 * Moves a snapshot to `newAsOf` with only the rollups that arrived since: typically the new day's,
 * but late rollups for retained days are merged too. The snapshot keeps its history inside the
 * horizon as compact day columns, so nothing is re-read from storage; aggregates are recomputed
 * from those columns (linear in the retained rows), which works for every decay curve and equals a
 * full recompute exactly. Rollups on or after `newAsOf` are ignored, as in computeRanks.
 * The input snapshot stays usable: the registry is append-only and aggregates are rebuilt.
 */
export function updateRanks(
  snapshot: TRankSnapshot,
  newRollups: Iterable<TIpDayRollup>,
  newAsOf: Date | string,
  opts: { asn?: TAsnTable | null } = {},
): TRankSnapshot {
  const asOfDay = asOfDayNumber(newAsOf);
  if (asOfDay < snapshot.asOfDay)
    throw new RangeError(`updateRanks cannot move back from ${snapshot.asOf} to ${dayString(asOfDay)}`);
  const asnTable = opts.asn === undefined ? snapshot.asnTable : opts.asn;
  const fromDay = asOfDay - decayHorizonDays(snapshot.decay);
  const asSizes = new Map(snapshot.asSizes);
  const fresh = collectDayColumns(
    newRollups,
    { fromDay, toDayExclusive: asOfDay },
    compileClusters(snapshot.clusters),
    snapshot.registry,
    asnTable,
    asSizes,
  );
  const byDay = new Map<number, TDayColumn>();
  for (const col of snapshot.days) if (col.day >= fromDay) byDay.set(col.day, col);
  for (const [day, col] of fresh) {
    const held = byDay.get(day);
    byDay.set(day, held ? mergeDayColumns(held, col) : col);
  }
  const days = [...byDay.values()].sort((a, b) => a.day - b.day);
  const agg = aggregateRanks({
    asOfDay,
    decay: snapshot.decay,
    clusterCount: snapshot.clusters.length,
    prefixesV4: snapshot.prefixesV4,
    prefixesV6: snapshot.prefixesV6,
    registry: snapshot.registry,
    days,
    asSizes,
  });
  return { ...snapshot, asOf: dayString(asOfDay), asOfDay, days, asSizes, agg, asnTable };
}
