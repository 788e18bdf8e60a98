import { DelayedError, type Job } from "bullmq";
import { acquireTenantSlot, PIPELINE_STAGES, QUEUE_NAMES, type TRedisConnection } from "@mlsec/jobs";
import { jobLog } from "./log.ts";

const PIPELINE_QUEUES = new Set<string>(PIPELINE_STAGES.map((s) => QUEUE_NAMES[s]));

/** How soon a job turned back by its tenant's limit is fetched again (plus up to half as much). */
export const TURN_BACK_MS = 1000;

export type TFairGate = { redis: TRedisConnection; prefix: string; limit: number; leaseMs: number };

const tenantOf = (data: unknown): string | null =>
  typeof data === "object" && data !== null && "tenantId" in data && typeof data.tenantId === "string"
    ? data.tenantId
    : null;

/**
 * Runs a pipeline job only while its tenant holds fewer than `limit` running slots on the queue
 * (packages/jobs fair-share.ts); otherwise moves it back to the queue for a moment, so the worker's
 * slot serves another tenant's job. The slot is renewed while the job runs and released after it.
 * A job without a tenant (a malformed payload) runs at once and fails on its schema as before.
 */
export async function fairGate<T>(
  gate: TFairGate,
  job: Job,
  token: string | undefined,
  run: () => Promise<T>,
): Promise<T> {
  const tenantId = tenantOf(job.data);
  if (!PIPELINE_QUEUES.has(job.queueName) || !tenantId || !job.id || !token) return run();
  const at = { prefix: gate.prefix, queue: job.queueName, tenantId, jobId: job.id };
  const slot = await acquireTenantSlot(gate.redis, at, gate.limit, gate.leaseMs);
  if (!slot) {
    jobLog(job).debug({ limit: gate.limit }, "tenant at its running limit: turned back");
    await job.moveToDelayed(
      Date.now() + TURN_BACK_MS + Math.floor(Math.random() * (TURN_BACK_MS / 2)),
      token,
    );
    // BullMQ's way for a processor to say "moved to delayed, not failed".
    throw new DelayedError();
  }
  // Renewed well inside the lease, so a busy event loop (a long parse) does not let it lapse.
  const timer = setInterval(() => void slot.renew().catch(() => undefined), Math.max(250, gate.leaseMs / 4));
  try {
    return await run();
  } finally {
    clearInterval(timer);
    await slot.release().catch(() => undefined);
  }
}
