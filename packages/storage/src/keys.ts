// Every object key the system writes, in one place (#23). Keys are made by the server, always under
// the tenant's prefix: a user-supplied file name is reduced to a safe tail so it can never climb
// out of it. An upload's derived objects sit beside its raw file, so deleting the upload's prefix
// takes them too.
const safeName = (name: string): string =>
  name
    .replace(/[^A-Za-z0-9._-]+/g, "_")
    .replace(/\.{2,}/g, ".")
    .replace(/^[._]+/, "")
    .slice(-120) || "upload";

export const tenantPrefix = (tenantId: string): string => `tenants/${tenantId}/`;
export const uploadKey = (tenantId: string, uploadId: string, filename: string): string =>
  `${tenantPrefix(tenantId)}uploads/${uploadId}/${safeName(filename)}`;
export const reportKey = (tenantId: string, uploadId: string): string =>
  `${tenantPrefix(tenantId)}reports/${uploadId}.json`;
/** Models are written before they are registered, so the key carries an id, not the version. */
export const modelKey = (tenantId: string, modelId: string): string =>
  `${tenantPrefix(tenantId)}models/${modelId}.json`;
/** The tenant's current rank snapshot, which the rank stage extends rather than rebuilds. */
export const tenantRanksKey = (tenantId: string): string => `${tenantPrefix(tenantId)}ranks/current.bin`;
/** Beside an upload's raw file: what the ingest stage keeps for the later stages of that upload. */
export const ingestSummaryKey = (uploadKey: string): string => `${uploadKey}.ingest.json`;
/** Beside an upload's raw file: its own rank snapshot (binary: see core's snapshot-binary.ts). */
export const uploadSnapshotKey = (uploadKey: string): string => `${uploadKey}.snapshot.bin`;
/** Where uploads ranked before the binary format kept their snapshot; read, no longer written. */
export const legacyUploadSnapshotKey = (uploadKey: string): string => `${uploadKey}.snapshot.json`;
/** Beside an upload's raw file: one shard of its event sample (see core's event-sample.ts). */
export const eventSampleKey = (uploadKey: string, shard: number): string =>
  `${uploadKey}.events/${String(shard).padStart(2, "0")}.json`;
/** A backtest run's result JSON (core's TDayForwardResult); its HTML page is backtestHtmlKey. */
export const backtestResultKey = (tenantId: string, backtestId: string): string =>
  `${tenantPrefix(tenantId)}backtests/${backtestId}/result.json`;
/** A backtest run's self-contained HTML page (core's renderBacktestHtml). */
export const backtestHtmlKey = (tenantId: string, backtestId: string): string =>
  `${tenantPrefix(tenantId)}backtests/${backtestId}/report.html`;
