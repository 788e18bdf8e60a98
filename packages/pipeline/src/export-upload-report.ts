import { exportSetFromReport, type TExportFilter, type TExportSet } from "@mlsec/core/export";
import { ZReport } from "@mlsec/core/report";
import { selectListedEntries } from "@mlsec/core/score";
import { getReportForUpload } from "@mlsec/db";
import { getJson } from "@mlsec/storage";
import { loadListMatcher } from "./tenant-lists.ts";

/**
 * One upload's report as an export set (every IP with min 0 and no buckets). Throws the db's
 * NotFoundError for an unknown upload, another tenant's, or one whose report is not written yet.
 */
export async function exportUploadReport(opts: {
  tenantId: string;
  uploadId: string;
  min?: number | null;
  buckets?: TExportFilter["buckets"];
}): Promise<TExportSet> {
  const row = await getReportForUpload({ tenantId: opts.tenantId, uploadId: opts.uploadId });
  const report = ZReport.parse(await getJson(row.s3Key));
  const filter: TExportFilter = {
    min: opts.min ?? 0,
    ...(opts.buckets && opts.buckets.length > 0 ? { buckets: opts.buckets } : {}),
  };
  // Every IP first, then the filter with the lists in force now (they may have changed since the report).
  const all = exportSetFromReport(report, { tenantId: opts.tenantId, filter: { min: 0 } });
  return {
    ...all,
    filter,
    entries: selectListedEntries(all.entries, filter, await loadListMatcher(opts.tenantId)),
  };
}
