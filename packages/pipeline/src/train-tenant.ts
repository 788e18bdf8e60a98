import { trainTenantModel } from "./train-tenant-model.ts";
import { loadUploadContext } from "./upload-context.ts";

/**
 * Train stage: trains the tenant's model as of the upload's day (see trainTenantModel). Too little
 * data is not an error: the report then says the baseline scored it.
 */
export async function trainTenant(opts: { tenantId: string; uploadId: string; signal?: AbortSignal }) {
  const { asOf, decay, clusters } = await loadUploadContext(opts);
  return trainTenantModel({
    tenantId: opts.tenantId,
    asOf,
    decay,
    clusters,
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
}
