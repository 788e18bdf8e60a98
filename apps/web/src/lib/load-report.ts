import { getReportForUpload, getUpload, NotFoundError } from "@mlsec/db";
import { getJson } from "@mlsec/storage";

export type TLoadedReport = { ready: true; report: unknown } | { ready: false; status: string };

/**
 * The report of one of the tenant's uploads, or why there is none yet. Throws NotFoundError for an
 * unknown id or another tenant's, so callers answer 404 for both.
 */
export async function loadReport(opts: { tenantId: string; uploadId: string }): Promise<TLoadedReport> {
  try {
    const row = await getReportForUpload({ tenantId: opts.tenantId, uploadId: opts.uploadId });
    return { ready: true, report: await getJson(row.s3Key) };
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
    const upload = await getUpload({ tenantId: opts.tenantId, id: opts.uploadId });
    return { ready: false, status: upload.status };
  }
}
