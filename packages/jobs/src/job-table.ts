import type { JobsOptions } from "bullmq";
import type { z } from "zod";
import {
  JOB_NAMES,
  QUEUE_NAMES,
  ZBacktestJob,
  ZCommunityJob,
  ZInvitationEmailJob,
  ZRetentionJob,
  ZRollupPartitionsJob,
  ZRetrainJob,
  ZSweepJob,
  ZUploadJob,
  ZEmptyJob,
  type TQueueName,
} from "./definitions.ts";
import { PermanentJobError } from "./permanent-error.ts";

/** One kind of job: the queue it runs on, what its payload must be, and its options beyond the defaults. */
export type TJobSpec<S extends z.ZodType = z.ZodType> = {
  queue: TQueueName;
  schema: S;
  options?: JobsOptions;
};

const spec = <S extends z.ZodType>(queue: TQueueName, schema: S, options?: JobsOptions): TJobSpec<S> => ({
  queue,
  schema,
  ...(options ? { options } : {}),
});

/**
 * Every job the system runs, by name. Producers (enqueue.ts, the worker's schedules) and every
 * dispatcher in apps/worker read this table, so a job is added in one place and a name missing from
 * it fails loudly, permanently, instead of falling through to some other handler.
 */
export const JOBS = {
  [JOB_NAMES.ingest]: spec(QUEUE_NAMES.ingest, ZUploadJob),
  [JOB_NAMES.rank]: spec(QUEUE_NAMES.rank, ZUploadJob),
  [JOB_NAMES.train]: spec(QUEUE_NAMES.train, ZUploadJob),
  [JOB_NAMES.report]: spec(QUEUE_NAMES.report, ZUploadJob),
  [JOB_NAMES.sweep]: spec(QUEUE_NAMES.maintenance, ZSweepJob),
  [JOB_NAMES.retrainAll]: spec(QUEUE_NAMES.maintenance, ZEmptyJob),
  [JOB_NAMES.communityRefresh]: spec(QUEUE_NAMES.maintenance, ZCommunityJob),
  [JOB_NAMES.decisionsBackfill]: spec(QUEUE_NAMES.maintenance, ZEmptyJob),
  [JOB_NAMES.retention]: spec(QUEUE_NAMES.maintenance, ZRetentionJob),
  [JOB_NAMES.rollupPartitions]: spec(QUEUE_NAMES.maintenance, ZRollupPartitionsJob),
  // A notification is retried more: the receiver being down for a while is the usual failure.
  [JOB_NAMES.webhook]: spec(QUEUE_NAMES.notify, ZUploadJob, { attempts: 5 }),
  [JOB_NAMES.email]: spec(QUEUE_NAMES.notify, ZUploadJob, { attempts: 5 }),
  // The payload carries the invitation's token: deleted once sent, kept a day when it fails for good.
  [JOB_NAMES.invitationEmail]: spec(QUEUE_NAMES.notify, ZInvitationEmailJob, {
    attempts: 5,
    removeOnComplete: true,
    removeOnFail: { age: 24 * 3600 },
  }),
  [JOB_NAMES.retrain]: spec(QUEUE_NAMES.retrain, ZRetrainJob, { attempts: 2 }),
  // Minutes of CPU per run: a second attempt rides out an outage, more would only repeat the work.
  [JOB_NAMES.backtest]: spec(QUEUE_NAMES.backtest, ZBacktestJob, { attempts: 2 }),
} as const satisfies Record<string, TJobSpec>;

export type TJobName = keyof typeof JOBS;
export type TJobPayload<N extends TJobName> = z.infer<(typeof JOBS)[N]["schema"]>;
/** What a producer passes (before the schema's defaults are applied). */
export type TJobInput<N extends TJobName> = z.input<(typeof JOBS)[N]["schema"]>;

export const isJobName = (name: string): name is TJobName => Object.hasOwn(JOBS, name);

/** The names of the jobs that run on one queue: what its dispatcher must handle. */
export const jobsOfQueue = (queue: TQueueName): TJobName[] =>
  (Object.keys(JOBS) as TJobName[]).filter((n) => JOBS[n].queue === queue);

/**
 * A job's payload as its table entry says it must be, from what a worker fetched. An unknown name,
 * a job on the wrong queue or a payload failing its schema is permanent: retrying the same bytes
 * cannot make them valid.
 */
export function parseJob<N extends TJobName>(
  job: { name: string; queueName: string; data: unknown },
  expected?: N,
): { name: N; data: TJobPayload<N> } {
  if (!isJobName(job.name))
    throw new PermanentJobError(`unknown job name "${job.name}" on queue ${job.queueName}`);
  if (expected !== undefined && job.name !== expected)
    throw new PermanentJobError(`job "${job.name}" where "${expected}" was expected`);
  const entry = JOBS[job.name];
  // queueName is the bare name; BullMQ keeps the prefix apart.
  if (entry.queue !== job.queueName)
    throw new PermanentJobError(`job "${job.name}" belongs on queue ${entry.queue}, not ${job.queueName}`);
  const parsed = entry.schema.safeParse(job.data);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((i) => `${i.path.join(".") || "payload"}: ${i.message}`)
      .join("; ");
    throw new PermanentJobError(`job "${job.name}" has an invalid payload: ${problems}`);
  }
  return { name: job.name as N, data: parsed.data as TJobPayload<N> };
}
