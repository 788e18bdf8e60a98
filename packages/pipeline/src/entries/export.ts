// Report exports and the tenant blocklist, for the export routes of apps/web.
export { parseExportQuery } from "../export-query.ts";
export { exportResponse } from "../export-response.ts";
export { exportUploadReport } from "../export-upload-report.ts";
export { BLOCKLIST_MAX_REPORTS, BLOCKLIST_WINDOW_DAYS, buildBlocklist } from "../build-blocklist.ts";
