import { UnrecoverableError, type Job } from "bullmq";
import { z } from "zod";
import { QUEUE_NAMES, type TQueueName } from "./definitions.ts";
import type { TQueues } from "./enqueue.ts";

/** Why a job is on the operator's list. */
export type TTroubleKind = "failed" | "active-too-long" | "waiting-too-long";

export type TTroubledJob = {
  queue: TQueueName;
  id: string;
  name: string;
  kind: TTroubleKind;
  /** BullMQ's state when listed: failed, active, waiting or prioritized. */
  state: string;
  tenantId: string | null;
  uploadId: string | null;
  attemptsMade: number;
  attemptsStarted: number;
  maxAttempts: number;
  failedReason: string | null;
  /** When it entered that state (failed: finished; active: taken; waiting: added), epoch ms. */
  since: number;
};

export type TTroubleThresholds = {
  /** An active job running longer than this is stuck (its worker hangs or the stage has no end). */
  activeOverMs: number;
  /** A job waiting longer than this is stuck (no worker takes its queue, or the queue is paused). */
  waitingOverMs: number;
  /** Most jobs read per queue and state; the oldest waiting, the newest failed. */
  perQueue?: number;
  now?: number;
};

/** Payloads carry ids only; the ones the operator page names, where a job has them. */
const ZJobRefs = z.object({ tenantId: z.string().optional(), uploadId: z.string().optional() });

const QUEUES = Object.values(QUEUE_NAMES);
export const isQueueName = (name: string): name is TQueueName => (QUEUES as string[]).includes(name);

function describe(
  queue: TQueueName,
  job: Job,
  kind: TTroubleKind,
  state: string,
  since: number,
): TTroubledJob {
  const refs = ZJobRefs.safeParse(job.data);
  return {
    queue,
    id: job.id ?? "",
    name: job.name,
    kind,
    state,
    tenantId: refs.success ? (refs.data.tenantId ?? null) : null,
    uploadId: refs.success ? (refs.data.uploadId ?? null) : null,
    attemptsMade: job.attemptsMade,
    attemptsStarted: job.attemptsStarted,
    maxAttempts: job.opts.attempts ?? 1,
    failedReason: job.failedReason || null,
    since,
  };
}

/**
 * Failed jobs and stuck ones (active or waiting past a threshold) of every queue, read with
 * BullMQ's Queue API from Redis: the same from any process. Newest failures first, then the
 * longest stuck.
 */
export async function listTroubledJobs(queues: TQueues, t: TTroubleThresholds): Promise<TTroubledJob[]> {
  const now = t.now ?? Date.now();
  const n = Math.max(1, t.perQueue ?? 100);
  const perQueue = await Promise.all(
    QUEUES.map(async (queue) => {
      const q = queues.get(queue);
      const [failed, active, waiting] = await Promise.all([
        q.getJobs(["failed"], 0, n - 1, false),
        q.getJobs(["active"], 0, n - 1, true),
        q.getJobs(["waiting", "prioritized"], 0, n - 1, true),
      ]);
      return [
        ...failed.map((j) => describe(queue, j, "failed", "failed", j.finishedOn ?? j.timestamp)),
        ...active
          .filter((j) => now - (j.processedOn ?? j.timestamp) > t.activeOverMs)
          .map((j) => describe(queue, j, "active-too-long", "active", j.processedOn ?? j.timestamp)),
        ...waiting
          .filter((j) => now - j.timestamp > t.waitingOverMs)
          .map((j) => describe(queue, j, "waiting-too-long", "waiting", j.timestamp)),
      ];
    }),
  );
  const failedFirst = (a: TTroubledJob, b: TTroubledJob) =>
    a.kind === "failed" && b.kind === "failed"
      ? b.since - a.since
      : a.kind === "failed"
        ? -1
        : b.kind === "failed"
          ? 1
          : a.since - b.since;
  return perQueue.flat().sort(failedFirst);
}

const queuedAsWaiting = (state: string): string => (state === "prioritized" ? "waiting" : state);

/** The job an operator acts on, with its state, or null when the queue has no such job. */
export async function findJob(
  queues: TQueues,
  queue: TQueueName,
  id: string,
): Promise<{ job: Job; state: string; refs: { tenantId: string | null; uploadId: string | null } } | null> {
  const job = await queues.get(queue).getJob(id);
  if (!job) return null;
  const refs = ZJobRefs.safeParse(job.data);
  return {
    job,
    // "prioritized" is BullMQ's word for a waiting job added with a priority (every pipeline job:
    // fair-share.ts); the operator sees one state for both, as the listing does.
    state: queuedAsWaiting(await job.getState()),
    refs: {
      tenantId: refs.success ? (refs.data.tenantId ?? null) : null,
      uploadId: refs.success ? (refs.data.uploadId ?? null) : null,
    },
  };
}

/** A job that cannot take the operator's action in its state (answered as 409). */
export class JobStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "JobStateError";
  }
}

/**
 * Runs a failed job again, with its attempts counted afresh (an operator retries after fixing the
 * cause, and the job should get its full backoff again, not one last try).
 */
export async function retryFailedJob(job: Job, state: string): Promise<void> {
  if (state !== "failed") throw new JobStateError(`only a failed job can be retried; this one is ${state}`);
  await job.retry("failed", { resetAttemptsMade: true, resetAttemptsStarted: true });
}

/**
 * Cancels a job. One that waits (or is delayed, or failed) is removed; an active one is moved to
 * failed with `reason` without its worker's lock token ("0" skips the token check in BullMQ's
 * moveToFinished script), as an UnrecoverableError so it is not retried, and its lock is dropped. The worker running it learns
 * of it at its next progress report (assertJobHeld) and stops. Returns what was done.
 */
export async function cancelJob(
  queues: TQueues,
  job: Job,
  state: string,
  reason: string,
): Promise<"removed" | "failed"> {
  if (state === "completed") throw new JobStateError("a completed job cannot be cancelled");
  if (state !== "active") {
    try {
      await job.remove();
      return "removed";
    } catch (err) {
      // A worker took it between the read and the remove: it is active now.
      if ((await job.getState()) !== "active") throw err;
    }
  }
  await job.moveToFailed(new UnrecoverableError(reason), "0", false);
  // With token "0" the script leaves the lock in place, and the worker would go on renewing it:
  // dropping it is what tells the worker (its renewal fails, assertJobHeld throws).
  await queues.connection.del(`${job.queueQualifiedName}:${job.id ?? ""}:lock`);
  return "failed";
}
