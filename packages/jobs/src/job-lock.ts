import type { Job } from "bullmq";
import type { TRedisConnection } from "./connection.ts";

/**
 * What became of a running job that its worker no longer holds: an operator cancelled it (failed,
 * with the operator's reason) or it was handed to another worker. A stage that sees this stops
 * without touching its upload further or enqueueing the next stage.
 */
export class JobTakenAwayError extends Error {
  constructor(
    readonly state: string,
    /** The failed job's reason (the operator's words for a cancel); null in any other state. */
    readonly failedReason: string | null,
  ) {
    super(`the job is no longer this worker's (now ${state}${failedReason ? `: ${failedReason}` : ""})`);
    this.name = "JobTakenAwayError";
  }
}

/**
 * Throws JobTakenAwayError when the lock the worker fetched this job with is gone or another's:
 * an operator's cancel moves an active job to failed and drops its lock (operator-jobs.ts), and the
 * running handler only learns of it here. Reads the lock, never extends it, so it does not change
 * when a killed worker's job is handed on. A job not fetched by a worker (no token) passes.
 */
export async function assertJobHeld(connection: TRedisConnection, job: Job): Promise<void> {
  if (!job.token || !job.id) return;
  const key = `${job.queueQualifiedName}:${job.id}`;
  const lock = await connection.get(`${key}:lock`);
  if (lock === job.token) return;
  const state = await job.getState();
  // This copy of the job was read when it was fetched: the reason is in Redis, in the job's hash.
  const failedReason = state === "failed" ? await connection.hget(key, "failedReason") : null;
  throw new JobTakenAwayError(state, failedReason);
}
