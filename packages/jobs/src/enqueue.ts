import { Queue, type JobsOptions } from "bullmq";
import { createConnection, queuePrefix, type TRedisConnection } from "./connection.ts";
import {
  DEFAULT_JOB_OPTIONS,
  JOB_NAMES,
  NOTIFY_CHANNELS,
  type TBacktestJob,
  type TInvitationEmailJob,
  type TPipelineStage,
  type TRetrainJob,
  type TUploadJob,
} from "./definitions.ts";
import { fairPriority } from "./fair-share.ts";
import { JOBS, type TJobInput, type TJobName } from "./job-table.ts";

export type TQueues = {
  connection: TRedisConnection;
  prefix: string;
  get: (name: string) => Queue;
  close: () => Promise<void>;
};

/** Producer-side queues, opened lazily and shared; the web app only ever enqueues. */
export function openQueues(
  connection: TRedisConnection = createConnection(),
  prefix: string = queuePrefix(),
): TQueues {
  const queues = new Map<string, Queue>();
  return {
    connection,
    prefix,
    get(name) {
      let q = queues.get(name);
      if (!q) {
        q = new Queue(name, { connection, prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS });
        q.on("error", (err) => console.error(`[queue ${name}]`, err.message));
        queues.set(name, q);
      }
      return q;
    },
    async close() {
      await Promise.all([...queues.values()].map((q) => q.close()));
      connection.disconnect();
    },
  };
}

/**
 * Adds one job by its name in the job table: on the table's queue, with the table's options under
 * the caller's (a job id, a deduplication key), the payload checked by the table's schema first so
 * a bad payload fails in the producer, not later in a worker.
 */
export async function addJob<N extends TJobName>(
  queues: TQueues,
  name: N,
  payload: TJobInput<N>,
  options: JobsOptions = {},
): Promise<string> {
  const entry = JOBS[name];
  const data: unknown = entry.schema.parse(payload);
  const job = await queues.get(entry.queue).add(name, data, { ...entry.options, ...options });
  return job.id ?? "";
}

/** The job id of an upload's stage: one job per stage and upload. */
export const stageJobId = (stage: TPipelineStage, uploadId: string): string => `${stage}-${uploadId}`;

/**
 * Enqueues one pipeline stage for an upload. The job id is derived from stage and upload, so
 * enqueueing the same stage twice (a retried web request, a re-run stage) adds one job, not two.
 * Its priority is its tenant's place in the queue (fair-share.ts), so tenants take turns.
 */
export async function enqueueStage(
  queues: TQueues,
  stage: TPipelineStage,
  payload: TUploadJob,
): Promise<string> {
  const entry = JOBS[JOB_NAMES[stage]];
  // Checked before the fairness sets count it: a bad payload never becomes a waiting job there.
  entry.schema.parse(payload);
  const jobId = stageJobId(stage, payload.uploadId);
  const queue = entry.queue;
  // An id BullMQ still holds is not added again (a retried stage enqueues its successor twice):
  // answer with it rather than count it among the tenant's waiting jobs a second time.
  const existing = await queues.get(queue).getJob(jobId);
  if (existing) return existing.id ?? jobId;
  const priority = await fairPriority(queues.connection, {
    prefix: queues.prefix,
    queue,
    tenantId: payload.tenantId,
    jobId,
  });
  return addJob(queues, JOB_NAMES[stage], payload, { jobId, priority });
}

/** Queues the report-ready notifications of an upload, one job per channel, each at most once. */
export async function enqueueNotifications(queues: TQueues, payload: TUploadJob): Promise<void> {
  for (const channel of NOTIFY_CHANNELS)
    await addJob(queues, JOB_NAMES[channel], payload, { jobId: `${channel}-${payload.uploadId}` });
}

/**
 * Queues a retrain of one tenant's model. Deduplicated per tenant while one is waiting or running,
 * so a burst of verdicts (or the daily run meeting a verdict-triggered one) trains once.
 */
export async function enqueueRetrain(queues: TQueues, payload: TRetrainJob): Promise<string> {
  return addJob(queues, JOB_NAMES.retrain, payload, {
    deduplication: { id: retrainDedupId(payload.tenantId) },
  });
}

/** The deduplication id of a tenant's retrain: BullMQ keeps it while the job waits or runs. */
export const retrainDedupId = (tenantId: string): string => `retrain-${tenantId}`;

/** Queues a backtest run; the run's id is the job's, so a retried request adds one job. */
export async function enqueueBacktest(queues: TQueues, payload: TBacktestJob): Promise<string> {
  return addJob(queues, JOB_NAMES.backtest, payload, { jobId: `backtest-${payload.backtestId}` });
}

/** Queues an invitation's email (its retention is in the job table: the payload carries the token). */
export async function enqueueInvitationEmail(queues: TQueues, payload: TInvitationEmailJob): Promise<string> {
  return addJob(queues, JOB_NAMES.invitationEmail, payload, { jobId: `invitation-${payload.invitationId}` });
}

/**
 * Declares a repeating job by its name in the job table (idempotent: every worker process declares
 * the same schedule and one copy runs).
 */
export async function scheduleJob<N extends TJobName>(
  queues: TQueues,
  schedulerId: string,
  repeat: { every: number } | { pattern: string; tz: string },
  name: N,
  payload: TJobInput<N>,
): Promise<void> {
  const entry = JOBS[name];
  const data: unknown = entry.schema.parse(payload);
  await queues.get(entry.queue).upsertJobScheduler(schedulerId, repeat, { name, data, opts: entry.options });
}
