export { selectEntries, type TExportEntry, type TExportFilter, type TExportSet } from "./export-set.ts";
export { exportSetFromReport } from "./export-report.ts";
export { CSV_COLUMNS, csvField, exportCsv } from "./export-csv.ts";
export { exportJson } from "./export-json.ts";
export { exportBlocklist } from "./export-blocklist.ts";
export { exportStix, type TStixBundle, type TStixObject } from "./export-stix.ts";
export { indicatorLifetimeDays, MAX_LIFETIME_DAYS, ownRank, SPENT_RANK } from "./indicator-lifetime.ts";
export { MLSEC_UUID_NAMESPACE, uuidV5 } from "./deterministic-uuid.ts";
export {
  EXPORT_FORMATS,
  renderExport,
  type TExportFormat,
  type TRenderedExport,
  ZExportFormat,
} from "./render-export.ts";
