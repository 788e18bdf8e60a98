import { availableParallelism } from "node:os";
import { loadWorkerEnv } from "@mlsec/config";
import { countUploadsDoneSince, tenantsWithData } from "@mlsec/db";
import { enqueueRetrain, type TQueues, type TRetrainJob } from "@mlsec/jobs";
import { retrainTenant } from "@mlsec/pipeline";
import { log } from "../log.ts";

/** Most trainings one retrain job runs when uploads keep reporting while it trains. */
export const MAX_RETRAIN_ROUNDS = 3;

/**
 * tenant.retrain: trains the tenant's model from its latest rollups and verdicts. A retrain is
 * queued once per tenant while one waits or runs, so an upload that reports while this one trains
 * has its request dropped; it trains again then (up to MAX_RETRAIN_ROUNDS), so that upload's data
 * reaches a model now rather than at the next daily retrain.
 */
export async function runRetrain(job: TRetrainJob) {
  for (let round = 1; ; round++) {
    const startedAt = new Date();
    const result = await retrainTenant({
      tenantId: job.tenantId,
      threads: backgroundThreads(),
      niceness: loadWorkerEnv().TRAIN_BACKGROUND_NICE,
    });
    log.info({ tenantId: job.tenantId, reason: job.reason, round, result }, "tenant retrained");
    const missed =
      round < MAX_RETRAIN_ROUNDS
        ? await countUploadsDoneSince({ tenantId: job.tenantId, since: startedAt })
        : 0;
    if (missed === 0) return { ...result, rounds: round };
    log.info(
      { tenantId: job.tenantId, uploads: missed },
      "uploads reported while the tenant trained: training again with their data",
    );
  }
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
