import type { Job } from "bullmq";
import { destination, pino, type Logger } from "pino";
import { loadWorkerEnv } from "@mlsec/config";

/**
 * The worker's log: one JSON object a line on stdout (pino), for journald, Kubernetes or any log
 * shipper to index. Synchronous, so the lines of a process that exits right after (a shutdown)
 * are not lost.
 */
export const log: Logger = pino(
  { level: loadWorkerEnv().WORKER_LOG_LEVEL, base: { service: "mlsec-worker", pid: process.pid } },
  destination({ dest: 1, sync: true }),
);

const idOf = (data: unknown, key: "tenantId" | "uploadId"): string | undefined => {
  if (typeof data !== "object" || data === null || !(key in data)) return undefined;
  const v = (data as Record<string, unknown>)[key];
  return typeof v === "string" ? v : undefined;
};

/** A job's logger: every line names its queue, job id and name, and its tenant and upload when it has them. */
export const jobLog = (job: Job): Logger =>
  log.child({
    queue: job.queueName,
    jobId: job.id,
    job: job.name,
    tenantId: idOf(job.data, "tenantId"),
    uploadId: idOf(job.data, "uploadId"),
    attempt: job.attemptsMade + 1,
  });
