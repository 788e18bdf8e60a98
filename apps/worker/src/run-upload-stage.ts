import { UnrecoverableError, type Job } from "bullmq";
import { getUpload, markUploadDone, markUploadFailed, markUploadProgress, NotFoundError } from "@mlsec/db";
import {
  enqueueNotifications,
  enqueueStage,
  nextStage,
  ZUploadJob,
  type TPipelineStage,
  type TQueues,
} from "@mlsec/jobs";

export type TStageContext = {
  tenantId: string;
  uploadId: string;
  /** Reports progress within this stage (0..100); the upload's overall progress is derived from it. */
  progress: (pct: number) => Promise<void>;
};
export type TStageHandler = (ctx: TStageContext) => Promise<void>;

// Each stage owns a slice of the upload's 0..100 progress bar; ingest reads the bytes and is the longest.
const SLICES: Record<TPipelineStage, [number, number]> = {
  ingest: [0, 60],
  rank: [60, 75],
  train: [75, 90],
  report: [90, 100],
};

/**
 * A stage error no retry can fix (bad upload, missing data): the upload is failed at once, and being
 * BullMQ's UnrecoverableError the job is failed without the remaining attempts.
 */
export class PermanentStageError extends UnrecoverableError {}

/**
 * Runs one pipeline stage for an upload: checks the tenant against the database (never trusting the
 * payload alone), keeps the upload's progress and heartbeat current, then enqueues the next stage.
 * On the last attempt, or on a permanent error, the upload is marked failed with a readable reason.
 */
export async function runUploadStage(
  stage: TPipelineStage,
  handler: TStageHandler,
  job: Job,
  queues: TQueues,
) {
  const { tenantId, uploadId } = ZUploadJob.parse(job.data);
  try {
    await getUpload({ tenantId, id: uploadId });
  } catch (err) {
    if (err instanceof NotFoundError) return; // deleted, or a forged payload: nothing to do
    throw err;
  }
  const [from, to] = SLICES[stage];
  const progress = async (pct: number) => {
    await markUploadProgress({ tenantId, id: uploadId, stage, progress: from + ((to - from) * pct) / 100 });
    await job.updateProgress(pct);
  };
  try {
    await progress(0);
    await handler({ tenantId, uploadId, progress });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const attempts = job.opts.attempts ?? 1;
    if (err instanceof UnrecoverableError || job.attemptsMade + 1 >= attempts)
      await markUploadFailed({ tenantId, id: uploadId, error: `${stage} failed: ${message}` });
    throw err;
  }
  const next = nextStage(stage);
  if (next) {
    await progress(100);
    await enqueueStage(queues, next, { tenantId, uploadId });
  } else {
    await markUploadDone({ tenantId, id: uploadId });
    await enqueueNotifications(queues, { tenantId, uploadId });
  }
}
