import { loadNotifyEnv } from "@mlsec/config";
import { getReportForUpload, getTenant, getUpload } from "@mlsec/db";

export type TReportReadyMessage = {
  event: "report.ready";
  tenantId: string;
  uploadId: string;
  filename: string;
  reportUrl: string;
  apiUrl: string;
  summary: unknown;
};

/** What a report-ready notification says, whatever the channel; null when the tenant has gone. */
export async function reportReadyMessage(
  opts: { tenantId: string; uploadId: string },
  portalUrl = loadNotifyEnv().PORTAL_URL,
) {
  const tenant = await getTenant(opts.tenantId);
  if (!tenant) return null;
  const upload = await getUpload({ tenantId: opts.tenantId, id: opts.uploadId });
  const report = await getReportForUpload({ tenantId: opts.tenantId, uploadId: opts.uploadId });
  const base = portalUrl.replace(/\/$/, "");
  const message: TReportReadyMessage = {
    event: "report.ready",
    tenantId: opts.tenantId,
    uploadId: upload.id,
    filename: upload.filename,
    reportUrl: `${base}/uploads/${upload.id}/report`,
    apiUrl: `${base}/api/v1/uploads/${upload.id}/report`,
    summary: report.summary,
  };
  return { tenant, message };
}
