import { Worker, type Job } from "bullmq";
import { loadWorkerEnv } from "@mlsec/config";
import { markBacktestFailed, markUploadFailed } from "@mlsec/db";
import {
  createConnection,
  isPermanent,
  PIPELINE_STAGES,
  QUEUE_NAMES,
  ZBacktestJob,
  ZUploadJob,
  type TPipelineStage,
  type TQueues,
} from "@mlsec/jobs";
import { fairGate } from "./fair-gate.ts";
import { dispatch, jobHandlers, type TJobHandlers } from "./job-handlers.ts";
import { jobLog, log } from "./log.ts";
import { markRunning } from "./loop-watch.ts";
import { jobAttempts, jobDuration, jobFailures } from "./metrics.ts";
import { tracked } from "./shutdown.ts";
import type { TTrainMode } from "@mlsec/pipeline";
import type { TStageHandler } from "./run-upload-stage.ts";

/** BullMQ's reason for a job failed for stalling more than maxStalledCount (bullmq 6, moveStalledJobsToWait). */
const STALLED_TOO_OFTEN = "job stalled more than allowable limit";

/**
 * Starts one BullMQ worker per queue in this process, each running its jobs through the job table
 * (job-handlers.ts). Workers hold no state of their own: run as many processes, on as many machines,
 * as the queues need; BullMQ hands each job to one of them.
 */
const ONE_AT_A_TIME = new Set<string>([QUEUE_NAMES.backtest, QUEUE_NAMES.retrain]);

export function startWorkers(
  stages: Record<TPipelineStage, TStageHandler>,
  queues: TQueues,
  opts: { concurrency?: number; lockDurationMs?: number; heartbeatMs?: number; trainMode?: TTrainMode } = {},
): Worker[] {
  const { WORKER_CONCURRENCY, WORKER_LOCK_MS, WORKER_MAX_STALLS, WORKER_TENANT_CONCURRENCY } =
    loadWorkerEnv();
  const handlers = jobHandlers(stages, queues, {
    ...(opts.heartbeatMs ? { heartbeatMs: opts.heartbeatMs } : {}),
    ...(opts.trainMode ? { trainMode: opts.trainMode } : {}),
  });
  const lockMs = opts.lockDurationMs ?? WORKER_LOCK_MS;
  // A tenant's running slot outlives a lock renewal or two, and lapses soon after a killed worker's lock.
  const gate = {
    redis: queues.connection,
    prefix: queues.prefix,
    limit: WORKER_TENANT_CONCURRENCY,
    leaseMs: 2 * lockMs,
  };
  return Object.values(QUEUE_NAMES).map((name) => {
    const processJob = (job: Job, token?: string) =>
      fairGate(gate, job, token, () => tracked(job, token, () => timed(handlers, job)));
    const worker = new Worker(name, processJob, {
      connection: createConnection(),
      prefix: queues.prefix,
      // A backtest is a dozen trainings back to back, a retrain a grid search on all but one CPU:
      // one at a time, so a worker's other queues (the uploads' stages) keep their CPU and its
      // memory holds one training.
      concurrency: ONE_AT_A_TIME.has(name) ? 1 : (opts.concurrency ?? WORKER_CONCURRENCY),
      // A killed worker's job is handed to another once its lock lapses, rather than waiting forever.
      lockDuration: lockMs,
      stalledInterval: lockMs,
      // A job whose worker died twice (out of memory, killed) is failed, not handed out forever: the
      // second stall marks it, and the next worker to fetch it fails it (see onFailed).
      maxStalledCount: WORKER_MAX_STALLS,
    });
    worker.on("error", (err) => log.error({ queue: name, err: err.message }, "worker error"));
    worker.on("failed", (job, err) => {
      jobFailures.inc({ queue: name, name: job?.name ?? "unknown", permanent: String(isPermanent(err)) });
      void onFailed(job, err, WORKER_MAX_STALLS);
    });
    return worker;
  });
}

/** Runs a job, its duration observed under its outcome (mlsec_job_duration_seconds). */
async function timed(handlers: TJobHandlers, job: Job): Promise<unknown> {
  const labels = { queue: job.queueName, name: job.name };
  const end = jobDuration.startTimer(labels);
  const jl = jobLog(job);
  jl.info("job started");
  // Every job, not only the upload stages: a retrain or a backtest on this process's loop blocks
  // the other jobs' lock renewals as much (loop-watch.ts).
  const running = markRunning(`${job.queueName}/${job.name} ${job.id ?? "?"}`);
  try {
    const result = await dispatch(handlers, job);
    const seconds = end({ outcome: "completed" });
    jobAttempts.inc({ ...labels, outcome: "completed" });
    jl.info({ ms: Math.round(seconds * 1000) }, "job completed");
    return result;
  } catch (err) {
    const seconds = end({ outcome: "failed" });
    jobAttempts.inc({ ...labels, outcome: "failed" });
    const message = err instanceof Error ? err.message : String(err);
    jl.warn({ ms: Math.round(seconds * 1000), err: message, permanent: isPermanent(err) }, "job failed");
    throw err;
  } finally {
    running();
  }
}

// A job that stalled past its limit fails without ever reaching our handler's catch: BullMQ marks it
// when it stalls too often, and the next worker that fetches it fails it unrun, emitting "failed"
// there. Record why on the upload, in words its user can act on, so it does not sit in "processing".
async function onFailed(job: Job | undefined, err: Error, maxStalls: number) {
  if (job?.queueName === QUEUE_NAMES.backtest && err.message === STALLED_TOO_OFTEN) {
    // runBacktest records its own failures; a run whose worker died too often never reached it, and
    // a row left running would refuse every later request of the tenant.
    const run = ZBacktestJob.safeParse(job.data);
    if (run.success)
      await markBacktestFailed({
        tenantId: run.data.tenantId,
        id: run.data.backtestId,
        error: `the worker stopped ${maxStalls + 1} times while running it (out of memory or killed?); not retried`,
      }).catch((e: Error) =>
        jobLog(job).error({ err: e.message }, "recording the failure on the backtest failed"),
      );
    return;
  }
  // Only pipeline stages decide an upload's fate; a notification that fails leaves the report ready.
  if (!job || !(PIPELINE_STAGES as readonly string[]).includes(job.queueName)) return;
  const stalledOut = err.message === STALLED_TOO_OFTEN;
  const finalAttempt = job.attemptsMade >= (job.opts.attempts ?? 1);
  // Other failures were recorded by runUploadStage (last attempt or permanent error) already.
  if (!stalledOut && (!finalAttempt || isPermanent(err))) return;
  const payload = ZUploadJob.safeParse(job.data);
  if (!payload.success) return;
  const reason = stalledOut
    ? `the worker stopped ${maxStalls + 1} times while running this stage (out of memory or killed?); not retried`
    : err.message;
  await markUploadFailed({
    tenantId: payload.data.tenantId,
    id: payload.data.uploadId,
    error: `${job.queueName} failed: ${reason}`,
  }).catch((e: Error) => jobLog(job).error({ err: e.message }, "recording the failure on the upload failed"));
}
