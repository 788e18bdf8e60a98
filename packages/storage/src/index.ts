export { createStorage, getStorage, type TStorage } from "./client.ts";
export {
  uploadKey,
  reportKey,
  modelKey,
  tenantRanksKey,
  tenantPrefix,
  ingestSummaryKey,
  uploadSnapshotKey,
  legacyUploadSnapshotKey,
  eventSampleKey,
  backtestResultKey,
  backtestHtmlKey,
} from "./keys.ts";
export {
  ensureBucket,
  putStream,
  getStream,
  putJson,
  getJson,
  putBytes,
  getBytesOrNull,
  deleteObject,
  type TStoredObject,
} from "./objects.ts";
export { pingStorage } from "./ping.ts";
export { deletePrefix, listKeys } from "./prefix.ts";
