import type { TReport } from "../report/report-schema.ts";
import { selectEntries, type TExportFilter, type TExportSet } from "./export-set.ts";

/** One report's IPs as an export set, filtered (all IPs with min 0 and no buckets). */
export function exportSetFromReport(
  report: TReport,
  opts: { tenantId: string; filter: TExportFilter; now?: Date },
): TExportSet {
  return {
    tenantId: opts.tenantId,
    generatedAt: (opts.now ?? new Date()).toISOString(),
    halfLifeDays: report.halfLifeDays,
    filter: opts.filter,
    entries: selectEntries(
      report.ips.map((scored) => ({ scored, asOf: report.asOf })),
      opts.filter,
    ),
  };
}
