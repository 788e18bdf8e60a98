import type { TScoredIp } from "../report/report-schema.ts";

/** One scored IP to export, with the as-of day of the report that scored it. */
export type TExportEntry = { scored: TScoredIp; asOf: string };

/** What every export format renders: the tenant's selected IPs, highest score first. */
export type TExportSet = {
  /** Who the export is for; seeds the STIX ids (the CLI uses "local"). */
  tenantId: string;
  generatedAt: string;
  /** Decay half-life the ranks used: STIX `valid_until` follows it. */
  halfLifeDays: number;
  /** The filter applied, echoed in headers. */
  filter: TExportFilter;
  entries: TExportEntry[];
};

export type TExportFilter = {
  /** Lowest score kept (inclusive), 0..1. */
  min: number;
  /** Buckets kept; all when absent. */
  buckets?: readonly TScoredIp["bucket"][];
};

/** Entries at or above the minimum score in the chosen buckets, highest score first (ties: by IP). */
export function selectEntries(entries: readonly TExportEntry[], filter: TExportFilter): TExportEntry[] {
  const buckets = filter.buckets && filter.buckets.length > 0 ? new Set(filter.buckets) : null;
  return entries
    .filter((e) => e.scored.score >= filter.min && (!buckets || buckets.has(e.scored.bucket)))
    .sort(
      (a, b) =>
        b.scored.score - a.scored.score ||
        (a.scored.ip < b.scored.ip ? -1 : a.scored.ip > b.scored.ip ? 1 : 0),
    );
}
