export { ingestUpload, NoEventsError } from "./ingest-upload.ts";
export { rankUpload, snapshotKeyOf } from "./rank-upload.ts";
export { trainTenant } from "./train-tenant.ts";
export { reportUpload } from "./report-upload.ts";
export { ZIngestSummary, ingestSummaryKey, type TIngestSummary } from "./ingest-summary.ts";
export { loadTenantRollups } from "./tenant-rollups.ts";
export { sendReportWebhook, signWebhook } from "./send-webhook.ts";
export { sendReportEmail } from "./send-email.ts";
