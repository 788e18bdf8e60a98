// Object keys are made by the server, always under the tenant's prefix: a user-supplied file name
// is reduced to a safe tail so it can never climb out of it.
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
