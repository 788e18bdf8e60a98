import { setTimeout as sleep } from "node:timers/promises";
import type { Job } from "bullmq";
import { loadWorkerEnv } from "@mlsec/config";
import {
  getUpload,
  markUploadDone,
  markUploadFailed,
  markUploadProgress,
  NotFoundError,
  touchUpload,
} from "@mlsec/db";
import type { TTrainMode } from "@mlsec/pipeline";
import {
  assertJobHeld,
  enqueueNotifications,
  enqueueRetrain,
  JobTakenAwayError,
  enqueueStage,
  isPermanent,
  nextStage,
  otherTenantsWaiting,
  PermanentJobError,
  QUEUE_NAMES,
  stageJobId,
  type TPipelineStage,
  type TQueues,
  type TUploadJob,
} from "@mlsec/jobs";

export type TStageContext = {
  tenantId: string;
  uploadId: string;
  /** Reports progress within this stage (0..100); the upload's overall progress is derived from it. */
  progress: (pct: number) => Promise<void>;
  /**
   * Aborted (with the JobTakenAwayError) once the job is no longer this worker's: an operator
   * cancelled it, or it was handed on. The stage checks it before each write and stops there.
   */
  signal: AbortSignal;
  /** When the train stage trains (WORKER_TRAIN_MODE). */
  trainMode: TTrainMode;
  /** For a long stage: pauses while other tenants' stages wait (INGEST_YIELD_MS; absent when 0). */
  yieldToOthers?: { everyMs: number; pause: () => Promise<void> };
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
  opts: { heartbeatMs?: number; trainMode?: TTrainMode } = {},
) {
  const trainMode = opts.trainMode ?? loadWorkerEnv().WORKER_TRAIN_MODE;
  try {
    await getUpload({ tenantId, id: uploadId });
  } catch (err) {
    // Deleted, or a forged payload: no later attempt will find it either.
    if (err instanceof NotFoundError)
      throw new PermanentJobError(`upload ${uploadId} of tenant ${tenantId} does not exist (deleted?)`);
    throw err;
  }
  // A stage whose successor is already queued did its work: its worker died after enqueueing the
  // next stage and before BullMQ recorded the completion, so the job came back. Running it again
  // would rewrite what the next stage is reading: kill-points saw ingest re-runs while rank ran,
  // and a report after the kills that flagged 239 addresses instead of 240, likely from this.
  const next = nextStage(stage);
  if (next && (await queues.get(QUEUE_NAMES[next]).getJob(stageJobId(next, uploadId)))) return;
  const [from, to] = SLICES[stage];
  // Marks the upload alive while the job is still this worker's, between progress writes: without
  // it the silent-upload sweep failed a training whose grid search ran past 15 minutes while its
  // worker was busy with it (bench/fair-share.ts, a 1M-line upload).
  const held = watchJobHeld(queues, job, {
    everyMs: opts.heartbeatMs ?? loadWorkerEnv().WORKER_HEARTBEAT_MS,
    beat: () => touchUpload({ tenantId, id: uploadId }),
  });
  const progress = async (pct: number) => {
    // Before writing: a stage an operator cancelled must not mark its upload processing again.
    held.signal.throwIfAborted();
    await assertJobHeld(queues.connection, job);
    await markUploadProgress({ tenantId, id: uploadId, stage, progress: from + ((to - from) * pct) / 100 });
    await job.updateProgress(pct);
  };
  try {
    await progress(0);
    // The job ends as soon as it is taken away, not when the handler next looks: a stage that
    // writes no progress for minutes (train's grid search) would hold its worker's slot that long.
    // The handler, told by the signal, stops at its next check; race() keeps its late rejection handled.
    await Promise.race([
      handler({
        tenantId,
        uploadId,
        progress,
        signal: held.signal,
        trainMode,
        ...yieldToOthers(queues, tenantId, job.processedOn ?? Date.now(), held.signal),
      }),
      held.takenAway,
    ]);
  } catch (err) {
    if (err instanceof JobTakenAwayError) {
      await keepCancelled(stage, { tenantId, uploadId }, err);
      throw err;
    }
    const message = err instanceof Error ? err.message : String(err);
    const attempts = job.opts.attempts ?? 1;
    if (isPermanent(err) || job.attemptsMade + 1 >= attempts)
      await markUploadFailed({ tenantId, id: uploadId, error: `${stage} failed: ${message}` });
    throw err;
  } finally {
    held.stop();
  }
  // Cancelled while the handler ran without reporting progress: the chain ends here.
  await assertJobHeld(queues.connection, job).catch(async (err: unknown) => {
    if (err instanceof JobTakenAwayError) await keepCancelled(stage, { tenantId, uploadId }, err);
    throw err;
  });
  if (next) {
    await progress(100);
    await enqueueStage(queues, next, { tenantId, uploadId });
  } else {
    await markUploadDone({ tenantId, id: uploadId });
    await enqueueNotifications(queues, { tenantId, uploadId });
    // The report went out with the model at hand; the grid search on this upload's data runs now
    // and re-scores it when its model is promoted (one queued retrain per tenant: a retrain still
    // waiting covers this upload too, since it reads the rollups when it starts).
    if (trainMode === "background") await enqueueRetrain(queues, { tenantId, reason: "upload" });
  }
}

/** How often a running stage's lock is read: a cancel stops the stage within about this long. */
const WATCH_EVERY_MS = 1000;

/**
 * Reads the job's lock every WATCH_EVERY_MS while its stage runs (assertJobHeld: a read, never a
 * renewal), and at most every `heartbeat.everyMs`, while the job is held, calls `heartbeat.beat`.
 * When the job is gone from this worker, `signal` aborts and `takenAway` rejects, both with the
 * JobTakenAwayError. Any other error (Redis briefly away) is not a cancel: the next read tries
 * again, and BullMQ's own lock renewal decides what a longer outage means.
 */
function watchJobHeld(queues: TQueues, job: Job, heartbeat: { everyMs: number; beat: () => Promise<void> }) {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let lastBeat = Date.now();
  const takenAway = new Promise<never>((_, reject) => {
    const check = () => {
      assertJobHeld(queues.connection, job).then(
        async () => {
          if (stopped) return;
          if (Date.now() - lastBeat >= heartbeat.everyMs) {
            lastBeat = Date.now();
            // A failed beat (PostgreSQL briefly away) is tried again at the next interval.
            await heartbeat.beat().catch(() => undefined);
          }
          if (!stopped) timer = setTimeout(check, Math.min(WATCH_EVERY_MS, heartbeat.everyMs));
        },
        (err: unknown) => {
          if (stopped) return;
          if (!(err instanceof JobTakenAwayError)) {
            timer = setTimeout(check, WATCH_EVERY_MS);
            return;
          }
          controller.abort(err);
          reject(err);
        },
      );
    };
    timer = setTimeout(check, WATCH_EVERY_MS);
  });
  // Rejected only while a stage races it; never an unhandled rejection once it ended.
  takenAway.catch(() => undefined);
  return {
    signal: controller.signal,
    takenAway,
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

/**
 * A stage whose job was taken away: another worker's now (handed back, stalled) and nothing is
 * written, or failed by an operator's cancel, whose reason the upload keeps even when this worker's
 * last progress write landed after the operator's.
 */
async function keepCancelled(stage: TPipelineStage, ids: TUploadJob, err: JobTakenAwayError) {
  if (err.state !== "failed" || !err.failedReason) return;
  const upload = await getUpload({ tenantId: ids.tenantId, id: ids.uploadId });
  if (upload.status !== "failed")
    await markUploadFailed({
      tenantId: ids.tenantId,
      id: ids.uploadId,
      error: `${stage} failed: ${err.failedReason}`,
    });
}

/**
 * A stage's pause for other tenants: while another tenant's upload stage that came after this one
 * started waits or runs, sleep INGEST_YIELD_MS (a cancel ends the sleep). bench/fair-share.ts
 * measures what it buys.
 */
function yieldToOthers(
  queues: TQueues,
  tenantId: string,
  startedAt: number,
  signal: AbortSignal,
): Pick<TStageContext, "yieldToOthers"> {
  const { INGEST_YIELD_MS, INGEST_YIELD_EVERY_MS } = loadWorkerEnv();
  if (INGEST_YIELD_MS === 0) return {};
  return {
    yieldToOthers: {
      everyMs: INGEST_YIELD_EVERY_MS,
      pause: async () => {
        if (await otherTenantsWaiting(queues, tenantId, startedAt))
          await sleep(INGEST_YIELD_MS, undefined, { signal }).catch(() => undefined);
      },
    },
  };
}
