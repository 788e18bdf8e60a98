export { getStorage, type TStorage } from "./client.ts";
export { uploadKey, reportKey, modelKey, tenantRanksKey, tenantPrefix } from "./keys.ts";
export {
  ensureBucket,
  putStream,
  getStream,
  putJson,
  getJson,
  getJsonOrNull,
  deleteObject,
  type TStoredObject,
} from "./objects.ts";
