import { asOfAfter } from "@mlsec/core/day";
import { getTenant, lastDataDay } from "@mlsec/db";
import { tenantRankSettings } from "./tenant-rank-settings.ts";
import { trainTenantModel, type TTrainResult } from "./train-tenant-model.ts";

/**
 * The retrain job: trains the tenant's model from its latest rollups, as of the day after its last
 * data day (so that day counts), with the verdicts and allow-list entries given so far.
 */
export async function retrainTenant(opts: { tenantId: string }): Promise<TTrainResult> {
  const [tenant, last] = await Promise.all([getTenant(opts.tenantId), lastDataDay(opts.tenantId)]);
  if (!tenant || !last) return { trained: false, note: "no data to train on" };
  const { decay, clusters } = tenantRankSettings(tenant);
  return trainTenantModel({ tenantId: opts.tenantId, asOf: asOfAfter(last), decay, clusters });
}
