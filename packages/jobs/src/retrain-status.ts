import { QUEUE_NAMES, ZRetrainJob } from "./definitions.ts";
import { retrainDedupId, type TQueues } from "./enqueue.ts";

/**
 * A tenant's retrain that has not finished, as BullMQ records it: queued or running, why, and
 * when. The retrain job reports no progress of its own (training is one libsvm call per grid
 * point), so this is all there is to show; null when none is queued or running.
 */
export type TRetrainStatus = {
  state: "queued" | "running";
  reason: string;
  queuedAt: Date;
  startedAt: Date | null;
};

const QUEUED = new Set(["waiting", "prioritized", "delayed", "waiting-children"]);

export async function retrainStatus(queues: TQueues, tenantId: string): Promise<TRetrainStatus | null> {
  const queue = queues.get(QUEUE_NAMES.retrain);
  const id = await queue.getDeduplicationJobId(retrainDedupId(tenantId));
  if (!id) return null;
  const job = await queue.getJob(id);
  const data = ZRetrainJob.safeParse(job?.data);
  // The key names the tenant, but the job's own payload decides whose it is.
  if (!job || !data.success || data.data.tenantId !== tenantId) return null;
  const state = await job.getState();
  if (state !== "active" && !QUEUED.has(state)) return null;
  return {
    state: state === "active" ? "running" : "queued",
    reason: data.data.reason,
    queuedAt: new Date(job.timestamp),
    startedAt: job.processedOn ? new Date(job.processedOn) : null,
  };
}
