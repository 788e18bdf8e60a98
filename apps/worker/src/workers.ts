import { UnrecoverableError, Worker, type Job } from "bullmq";
import { loadWorkerEnv } from "@mlsec/config";
import { markUploadFailed } from "@mlsec/db";
import {
  sendInvitationEmail,
  sendReportEmail,
  sendReportWebhook,
  UnsafeDestinationError,
} from "@mlsec/pipeline";
import {
  createConnection,
  JOB_NAMES,
  PIPELINE_STAGES,
  QUEUE_NAMES,
  ZInvitationEmailJob,
  ZCommunityJob,
  ZSweepJob,
  ZUploadJob,
  type TPipelineStage,
  type TQueues,
} from "@mlsec/jobs";
import { backfillDecisions } from "@mlsec/pipeline/backfill-decisions";
import { runCommunityRefresh } from "./stages/community.ts";
import { runUploadStage, type TStageHandler } from "./run-upload-stage.ts";
import { enqueueDailyRetrains, runRetrain } from "./stages/retrain.ts";
import { sweepSilentUploads } from "./stages/sweep.ts";

/** BullMQ's reason for a job failed for stalling more than maxStalledCount (bullmq 6, moveStalledJobsToWait). */
const STALLED_TOO_OFTEN = "job stalled more than allowable limit";

/**
 * Starts one BullMQ worker per queue in this process. Workers hold no state of their own: run as
 * many processes, on as many machines, as the queues need; BullMQ hands each job to one of them.
 */
export function startWorkers(
  handlers: Record<TPipelineStage, TStageHandler>,
  queues: TQueues,
  opts: { concurrency?: number; lockDurationMs?: number } = {},
): Worker[] {
  const { WORKER_CONCURRENCY, WORKER_LOCK_MS, WORKER_MAX_STALLS } = loadWorkerEnv();
  const prefix = queues.prefix;
  const make = (name: string, process: (job: Job) => Promise<unknown>) => {
    const worker = new Worker(name, process, {
      connection: createConnection(),
      prefix,
      concurrency: opts.concurrency ?? WORKER_CONCURRENCY,
      // A killed worker's job is handed to another once its lock lapses, rather than waiting forever.
      lockDuration: opts.lockDurationMs ?? WORKER_LOCK_MS,
      stalledInterval: opts.lockDurationMs ?? WORKER_LOCK_MS,
      // A job whose worker died twice (out of memory, killed) is failed, not handed out forever: the
      // second stall marks it, and the next worker to fetch it fails it (see onFailed).
      maxStalledCount: WORKER_MAX_STALLS,
    });
    worker.on("error", (err) => console.error(`[worker ${name}]`, err.message));
    worker.on("failed", (job, err) => void onFailed(job, err, WORKER_MAX_STALLS));
    return worker;
  };
  const stageWorkers = (Object.keys(handlers) as TPipelineStage[]).map((stage) =>
    make(QUEUE_NAMES[stage], (job) => runUploadStage(stage, handlers[stage], job, queues)),
  );
  return [
    ...stageWorkers,
    make(QUEUE_NAMES.maintenance, (job) => maintenance(job, queues)),
    make(QUEUE_NAMES.notify, (job) => notify(job)),
    make(QUEUE_NAMES.retrain, (job) => runRetrain(job.data)),
  ];
}

// A job that stalled past its limit fails without ever reaching our handler's catch: BullMQ marks it
// when it stalls too often, and the next worker that fetches it fails it unrun, emitting "failed"
// there. Record why on the upload, in words its user can act on, so it does not sit in "processing".
async function onFailed(job: Job | undefined, err: Error, maxStalls: number) {
  // Only pipeline stages decide an upload's fate; a notification that fails leaves the report ready.
  if (!job || !(PIPELINE_STAGES as readonly string[]).includes(job.queueName)) return;
  const stalledOut = err.message === STALLED_TOO_OFTEN;
  const finalAttempt = job.attemptsMade >= (job.opts.attempts ?? 1);
  // Other failures were recorded by runUploadStage (last attempt or permanent error) already.
  if (!stalledOut && (!finalAttempt || err instanceof UnrecoverableError)) return;
  const payload = ZUploadJob.safeParse(job.data);
  if (!payload.success) return;
  const reason = stalledOut
    ? `the worker stopped ${maxStalls + 1} times while running this stage (out of memory or killed?); not retried`
    : err.message;
  await markUploadFailed({
    tenantId: payload.data.tenantId,
    id: payload.data.uploadId,
    error: `${job.queueName} failed: ${reason}`,
  });
}

/** Maintenance: the silent-upload sweep and the daily retrain fan-out share one queue. */
async function maintenance(job: Job, queues: TQueues) {
  if (job.name === JOB_NAMES.retrainAll) return enqueueDailyRetrains(queues);
  if (job.name === JOB_NAMES.communityRefresh) return runCommunityRefresh(ZCommunityJob.parse(job.data));
  if (job.name === JOB_NAMES.decisionsBackfill) return backfillDecisions();
  return sweepSilentUploads(ZSweepJob.parse(job.data).olderThanMs);
}

/** Report-ready notifications (one job per channel, retried on their own) and invitation emails. */
async function notify(job: Job) {
  if (job.name === JOB_NAMES.invitationEmail) return sendInvitationEmail(ZInvitationEmailJob.parse(job.data));
  const payload = ZUploadJob.parse(job.data);
  if (job.name === JOB_NAMES.webhook) {
    try {
      return await sendReportWebhook(payload);
    } catch (err) {
      // A refused destination or a redirect stays so on retry: fail the delivery at once, the
      // reason kept as the job's failedReason.
      if (err instanceof UnsafeDestinationError) {
        console.warn(`[notify] webhook for upload ${payload.uploadId} not delivered: ${err.message}`);
        throw new UnrecoverableError(err.message);
      }
      throw err;
    }
  }
  if (job.name === JOB_NAMES.email) return sendReportEmail(payload);
  throw new Error(`unknown notification job ${job.name}`);
}
