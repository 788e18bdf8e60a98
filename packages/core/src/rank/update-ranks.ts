import { type TAsnTable } from "../asn/asn-table.ts";
import { type TIpDayRollup } from "../rollup/ip-day-rollup.ts";
import { asOfDayNumber, dayString } from "../day/day-number.ts";
import { RankBuilder } from "./rank-builder.ts";
import { type TRankSnapshot } from "./snapshot.ts";

/**
 * Moves a snapshot to `newAsOf` with only the rollups that arrived since: typically the new day's,
 * but late rollups for retained days are appended too (RankBuilder.setDay replaces a day instead,
 * for callers that can re-read it whole). The snapshot keeps its history inside the horizon as
 * compact day columns, so nothing is re-read from storage; aggregates are recomputed from those
 * columns (linear in the retained rows), which works for every decay curve and equals a full
 * recompute exactly. Rollups on or after `newAsOf` are ignored, as in computeRanks.
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
  const { decay, clusters, prefixesV4, prefixesV6 } = snapshot;
  const asn = opts.asn === undefined ? snapshot.asnTable : opts.asn;
  return new RankBuilder({ asOf: newAsOf, decay, clusters, prefixesV4, prefixesV6, asn }, snapshot)
    .add(newRollups)
    .finish();
}
