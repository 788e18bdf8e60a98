export { getStorage, type TStorage } from "./client.ts";
export { uploadKey, reportKey, modelKey, snapshotKey, tenantPrefix } from "./keys.ts";
export {
  ensureBucket,
  putStream,
  getStream,
  putJson,
  getJson,
  deleteObject,
  type TStoredObject,
} from "./objects.ts";
