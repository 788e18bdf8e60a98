import { availableParallelism } from "node:os";
import { loadWorkerEnv } from "@mlsec/config";
import { tenantsWithData } from "@mlsec/db";
import { enqueueRetrain, type TQueues, type TRetrainJob } from "@mlsec/jobs";
import { retrainTenant } from "@mlsec/pipeline";
import { log } from "../log.ts";

/** tenant.retrain: trains the tenant's model from its latest rollups and verdicts. */
export async function runRetrain(job: TRetrainJob) {
  const result = await retrainTenant({
    tenantId: job.tenantId,
    threads: backgroundThreads(),
    niceness: loadWorkerEnv().TRAIN_BACKGROUND_NICE,
  });
  log.info({ tenantId: job.tenantId, reason: job.reason, result }, "tenant retrained");
  return result;
}

/** TRAIN_BACKGROUND_THREADS, 0 meaning every CPU but one. */
export function backgroundThreads(): number {
  const set = loadWorkerEnv().TRAIN_BACKGROUND_THREADS;
  return set > 0 ? set : Math.max(1, availableParallelism() - 1);
}

/** The daily fan-out: one deduplicated retrain job per tenant with data. */
export async function enqueueDailyRetrains(queues: TQueues): Promise<number> {
  const tenants = await tenantsWithData();
  for (const tenantId of tenants) await enqueueRetrain(queues, { tenantId, reason: "daily" });
  return tenants.length;
}
