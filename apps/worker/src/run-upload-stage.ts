import type { Job } from "bullmq";
import { getUpload, markUploadDone, markUploadFailed, markUploadProgress, NotFoundError } from "@mlsec/db";
import {
  enqueueNotifications,
  enqueueStage,
  isPermanent,
  nextStage,
  PermanentJobError,
  type TPipelineStage,
  type TQueues,
  type TUploadJob,
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
 * Runs one pipeline stage for an upload: checks the tenant against the database (never trusting the
 * payload alone), keeps the upload's progress and heartbeat current, then enqueues the next stage.
 * On the last attempt, or on a permanent error (PermanentJobError: a bad file, a missing upload), the
 * upload is marked failed with a readable reason.
 */
export async function runUploadStage(
  stage: TPipelineStage,
  handler: TStageHandler,
  { tenantId, uploadId }: TUploadJob,
  job: Job,
  queues: TQueues,
) {
  try {
    await getUpload({ tenantId, id: uploadId });
  } catch (err) {
    // Deleted, or a forged payload: no later attempt will find it either.
    if (err instanceof NotFoundError)
      throw new PermanentJobError(`upload ${uploadId} of tenant ${tenantId} does not exist (deleted?)`);
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
    if (isPermanent(err) || job.attemptsMade + 1 >= attempts)
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
