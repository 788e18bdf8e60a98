import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { createConnection, queuePrefix } from "./connection.ts";
import {
  DEFAULT_JOB_OPTIONS,
  JOB_NAMES,
  NOTIFY_CHANNELS,
  QUEUE_NAMES,
  ZInvitationEmailJob,
  ZRetrainJob,
  ZUploadJob,
  type TInvitationEmailJob,
  type TPipelineStage,
  type TRetrainJob,
  type TUploadJob,
} from "./definitions.ts";

export type TQueues = {
  connection: Redis;
  prefix: string;
  get: (name: string) => Queue;
  close: () => Promise<void>;
};

/** Producer-side queues, opened lazily and shared; the web app only ever enqueues. */
export function openQueues(connection: Redis = createConnection(), prefix: string = queuePrefix()): TQueues {
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
 * Enqueues one pipeline stage for an upload. The job id is derived from stage and upload, so
 * enqueueing the same stage twice (a retried web request, a re-run stage) adds one job, not two.
 */
export async function enqueueStage(
  queues: TQueues,
  stage: TPipelineStage,
  payload: TUploadJob,
): Promise<string> {
  const data = ZUploadJob.parse(payload);
  const job = await queues
    .get(QUEUE_NAMES[stage])
    .add(JOB_NAMES[stage], data, { jobId: `${stage}-${data.uploadId}` });
  return job.id ?? "";
}

/** Queues the report-ready notifications of an upload, one job per channel, each at most once. */
export async function enqueueNotifications(queues: TQueues, payload: TUploadJob): Promise<void> {
  const data = ZUploadJob.parse(payload);
  for (const channel of NOTIFY_CHANNELS) {
    await queues
      .get(QUEUE_NAMES.notify)
      .add(JOB_NAMES[channel], data, { jobId: `${channel}-${data.uploadId}`, attempts: 5 });
  }
}

/**
 * Queues a retrain of one tenant's model. Deduplicated per tenant while one is waiting or running,
 * so a burst of verdicts (or the daily run meeting a verdict-triggered one) trains once.
 */
export async function enqueueRetrain(queues: TQueues, payload: TRetrainJob): Promise<string> {
  const data = ZRetrainJob.parse(payload);
  const job = await queues
    .get(QUEUE_NAMES.retrain)
    .add(JOB_NAMES.retrain, data, { deduplication: { id: `retrain-${data.tenantId}` }, attempts: 2 });
  return job.id ?? "";
}

/**
 * Queues an invitation's email. The payload carries the token, so the job is deleted once sent and
 * kept only a day when it fails for good, instead of the usual retention.
 */
export async function enqueueInvitationEmail(queues: TQueues, payload: TInvitationEmailJob): Promise<string> {
  const data = ZInvitationEmailJob.parse(payload);
  const job = await queues.get(QUEUE_NAMES.notify).add(JOB_NAMES.invitationEmail, data, {
    jobId: `invitation-${data.invitationId}`,
    attempts: 5,
    removeOnComplete: true,
    removeOnFail: { age: 24 * 3600 },
  });
  return job.id ?? "";
}
