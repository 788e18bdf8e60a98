import { getActiveModel } from "@mlsec/db";
import { trainTenantModel, type TTrainResult } from "./train-tenant-model.ts";
import { loadUploadContext } from "./upload-context.ts";

/**
 * C and gamma of the quick fit a tenant without a model gets before its first report: the middle of
 * core's DEFAULT_GRID (2^3 and 2^-3 on features scaled to [0, 1]). It stands in for a few seconds
 * or minutes, until the background grid search replaces it.
 */
export const QUICK_FIT = { c: 8, gamma: 0.125 } as const;

/** When an upload's training happens: see WORKER_TRAIN_MODE in packages/config. */
export type TTrainMode = "background" | "inline";

/**
 * Train stage. Inline: trains the tenant's model as of the upload's day with the grid search (see
 * trainTenantModel). Background: the report must not wait for a grid search, so a tenant with an
 * active model trains nothing here (its report is scored with that model, and the retrain job
 * queued after the report trains and re-scores), and a tenant without one gets a quick fit at
 * QUICK_FIT. Too little data is not an error: the report then says the baseline scored it.
 */
export async function trainTenant(opts: {
  tenantId: string;
  uploadId: string;
  signal?: AbortSignal;
  mode?: TTrainMode;
}): Promise<TTrainResult> {
  const mode = opts.mode ?? "inline";
  if (mode === "background") {
    const active = await getActiveModel(opts.tenantId);
    if (active)
      return {
        trained: false,
        note: `scored with the active model (version ${active.version}); the grid search runs after the report`,
      };
  }
  const { asOf, decay, clusters } = await loadUploadContext(opts);
  return trainTenantModel({
    tenantId: opts.tenantId,
    asOf,
    decay,
    clusters,
    ...(mode === "background" ? { params: QUICK_FIT } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
}
