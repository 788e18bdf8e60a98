import { sharedAsnTable } from "./asn-table.ts";
import { refreshTenantRanks } from "./tenant-ranks.ts";
import { loadUploadContext } from "./upload-context.ts";
import { saveUploadSnapshot } from "./upload-snapshot.ts";

/**
 * Rank stage: the tenant's decayed ranks as of the day after the upload's last event, from all of
 * the tenant's rollups inside the decay horizon (not just this upload's), stored beside the upload.
 * The tenant's stored snapshot is extended with the days that changed rather than rebuilt.
 */
export async function rankUpload(opts: { tenantId: string; uploadId: string; signal?: AbortSignal }) {
  const { upload, asOf, decay, clusters } = await loadUploadContext(opts);
  const { snapshot, mode, daysRead } = await refreshTenantRanks({
    tenantId: opts.tenantId,
    rank: { asOf, decay, clusters, asn: await sharedAsnTable() },
  });
  // Cancelled meanwhile: the tenant's snapshot is kept (it is right for the rollups it read), the upload's is not written.
  opts.signal?.throwIfAborted();
  await saveUploadSnapshot(upload.s3Key, snapshot);
  return { asOf, mode, daysRead };
}
