import { loadWorkerEnv } from "@mlsec/config";
import { getActiveModel } from "@mlsec/db";
import { trainTenantModel, type TTrainResult } from "./train-tenant-model.ts";
import { loadUploadContext } from "./upload-context.ts";

/**
 * The quick fit a tenant without a model gets before its first report: C and gamma at the middle of
 * core's DEFAULT_GRID (2^3 and 2^-3 on features scaled to [0, 1]), on at most 3,000 labelled rows
 * with 5 folds (for its metrics and Platt scaling). It stands in until the background grid search
 * on TRAIN_MAX_ROWS rows replaces it; on a week of generated log with 14,327 sources the full-size
 * fit (10,000 rows, 10 folds) took about half a minute of the upload's 44 s (docs/benchmarks.md).
 */
export const QUICK_FIT = { c: 8, gamma: 0.125, folds: 5, maxRows: 3000 } as const;

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
    ...(mode === "background"
      ? {
          params: { c: QUICK_FIT.c, gamma: QUICK_FIT.gamma, folds: QUICK_FIT.folds },
          maxRows: Math.min(QUICK_FIT.maxRows, loadWorkerEnv().TRAIN_MAX_ROWS),
        }
      : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
}
