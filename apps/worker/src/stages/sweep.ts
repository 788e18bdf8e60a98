import { findSilentUploads, markUploadFailed } from "@mlsec/db";
import {
  nextStage,
  PIPELINE_STAGES,
  QUEUE_NAMES,
  stageJobId,
  type TPipelineStage,
  type TQueues,
} from "@mlsec/jobs";

/** Job states of a stage that will still run (or runs, under a lock BullMQ's stall check watches). */
const PENDING = new Set(["waiting", "delayed", "prioritized", "waiting-children", "active"]);

/**
 * Fails uploads whose stage has not written progress for a while: the worker died and BullMQ's own
 * retries are exhausted or were lost (e.g. Redis restarted). A live stage heartbeats while it works.
 * An upload whose next job is still in its queue is only waiting its turn, not silent: under load
 * (bench/load.ts, 100 tenants on two workers) stages waited past the 15 minutes and were failed.
 */
export async function sweepSilentUploads(olderThanMs: number, queues: TQueues): Promise<number> {
  const silent = await findSilentUploads(new Date(Date.now() - olderThanMs));
  let failed = 0;
  for (const u of silent) {
    if (await stillQueued(queues, u.id, u.stage)) continue;
    await markUploadFailed({
      tenantId: u.tenantId,
      id: u.id,
      error: `no progress from the ${u.stage ?? "pipeline"} stage since ${u.heartbeatAt?.toISOString() ?? "it was queued"}; the worker stopped. Upload the file again.`,
    });
    failed++;
  }
  return failed;
}

/** Whether the upload's current stage, or the one after it, has a job that will still run. */
async function stillQueued(queues: TQueues, uploadId: string, stage: string | null): Promise<boolean> {
  const current = PIPELINE_STAGES.find((s) => s === stage) ?? "ingest";
  const candidates: TPipelineStage[] = [current];
  const next = nextStage(current);
  if (next) candidates.push(next);
  for (const s of candidates) {
    const job = await queues.get(QUEUE_NAMES[s]).getJob(stageJobId(s, uploadId));
    if (job && PENDING.has(await job.getState())) return true;
  }
  return false;
}
