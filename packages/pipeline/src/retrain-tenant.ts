import { asOfAfter } from "@mlsec/core/day";
import { getTenant, lastDataDay } from "@mlsec/db";
import { rescoreReports, type TRescoreResult } from "./rescore-reports.ts";
import { tenantRankSettings } from "./tenant-rank-settings.ts";
import { trainTenantModel, type TTrainResult } from "./train-tenant-model.ts";

/**
 * The retrain job: trains the tenant's model from its latest rollups, as of the day after its last
 * data day (so that day counts), with the verdicts and allow-list entries given so far (the grid
 * search). A promoted model re-scores the reports made while the one it replaced was active.
 */
export async function retrainTenant(opts: {
  tenantId: string;
  /** SVM threads of the grid search (default every CPU) and their nice value (TRAIN_BACKGROUND_*). */
  threads?: number;
  niceness?: number;
}): Promise<TTrainResult & { rescore?: TRescoreResult }> {
  const [tenant, last] = await Promise.all([getTenant(opts.tenantId), lastDataDay(opts.tenantId)]);
  if (!tenant || !last) return { trained: false, note: "no data to train on" };
  const { decay, clusters } = tenantRankSettings(tenant);
  const result = await trainTenantModel({
    tenantId: opts.tenantId,
    asOf: asOfAfter(last),
    decay,
    clusters,
    params: {
      ...(opts.threads ? { threads: opts.threads } : {}),
      ...(opts.niceness ? { niceness: opts.niceness } : {}),
    },
  });
  if (!result.trained || !result.promoted) return result;
  const rescore = await rescoreReports({
    tenantId: opts.tenantId,
    modelId: result.modelId,
    replaced: result.replaced,
  });
  return { ...result, rescore };
}
