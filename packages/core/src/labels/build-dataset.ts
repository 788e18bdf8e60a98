import { computeRanks } from "../rank/compute-ranks.ts";
import { dayNumber, dayString, asOfDayNumber } from "../day/day-number.ts";
import { resolveRankOptions, type TRankOptions } from "../rank/rank-options.ts";
import type { TRankSnapshot } from "../rank/snapshot.ts";
import type { TIpDayRollup } from "../rollup/ip-day-rollup.ts";
import { DatasetBuilder, type TDataset, type TDatasetBuilderOptions } from "./dataset-builder.ts";

export type { TCommunityDatasetInput, TDataset, TDatasetRow } from "./dataset-builder.ts";

export type TBuildDatasetOptions = {
  /** All rollups of the tenant (read once per label day, so an array); see `snapshots`. */
  rollups: readonly TIpDayRollup[];
  /**
   * Ranks as of each label day, built by the caller (the worker extends one snapshot a day at a
   * time from PostgreSQL instead of holding the whole history). When given, `rollups` need only
   * hold the label days themselves.
   */
  snapshots?: ReadonlyMap<string, TRankSnapshot>;
  /** The data set is as of this day: label days are before it. */
  asOf: string;
  /** The last N days before asOf (default 7), or explicit "YYYY-MM-DD" days (each < asOf). */
  labelDays?: number | string[];
  rank?: Omit<TRankOptions, "asOf" | "asn">;
} & Omit<TDatasetBuilderOptions, "clusters">;

/**
 * The labelled data set as of a date. For each label day L: malicious = addresses in a bad-behaviour
 * cluster on L, or in a feed and seen on L; benign = a seeded mix of background addresses (routed
 * space by AS size, when an AS table is given), the tenant's allowed-only traffic on L, provider
 * ranges and the allowlist; analyst verdicts override; research scanners stay out. Every row's
 * features come from computeRanks as of L, which reads only rollups strictly before L: nothing from
 * the label day or later leaks into a feature.
 */
export function buildDataset(opts: TBuildDatasetOptions): TDataset {
  const asOfDay = asOfDayNumber(opts.asOf);
  const spec = opts.labelDays ?? 7;
  const days = Array.isArray(spec)
    ? spec.map((d) => dayNumber(d)).filter((d) => d < asOfDay)
    : Array.from({ length: spec }, (_, i) => asOfDay - spec + i);
  const { rollups, snapshots, asOf: _asOf, labelDays: _labelDays, rank, ...labelling } = opts;
  const builder = new DatasetBuilder({
    ...labelling,
    clusters: resolveRankOptions({ ...rank, asOf: opts.asOf }).clusters,
  });
  days.forEach((day, dayIndex) => {
    const label = dayString(day);
    builder.addDay({
      label,
      dayIndex,
      last: dayIndex === days.length - 1,
      rollups: rollups.filter((r) => r.day === label),
      snapshot: () =>
        snapshots?.get(label) ?? computeRanks(rollups, { ...rank, asOf: label, asn: opts.asn ?? null }),
    });
  });
  return builder.finish();
}
