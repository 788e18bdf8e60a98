// The worker process: consumes every queue. Start more of these to scale (see README).
import type { Server } from "node:http";
import { closeDb } from "@mlsec/db";
import { loadMetricsEnv, loadWorkerEnv } from "@mlsec/config";
import { addJob, JOB_NAMES, openQueues, scheduleJob } from "@mlsec/jobs";
import { ensureBucket } from "@mlsec/storage";
import { STAGE_HANDLERS } from "./stages/index.ts";
import { serveMetrics } from "./metrics.ts";
import { log } from "./log.ts";
import { drain } from "./shutdown.ts";
import { startWorkers } from "./workers.ts";
import { watchEventLoop } from "./loop-watch.ts";

const SWEEP_EVERY_MS = 60_000;
const SILENT_AFTER_MS = 15 * 60_000;
/** Daily retrain of every tenant with data, at 03:00 UTC (quiet hours for most uploads). */
const RETRAIN_PATTERN = "0 3 * * *";
/** The community pool and its view, daily at 02:00 UTC: an hour before the retrain that uses it. */
const COMMUNITY_PATTERN = "0 2 * * *";
/** Retention at 01:00 UTC: old rollups gone before the community copy and the retrain read them. */
const RETENTION_PATTERN = "0 1 * * *";
/** Rollup partitions ahead at 00:30 UTC, daily; months are made three ahead, so a missed day is harmless. */
const ROLLUP_PARTITIONS_PATTERN = "30 0 * * *";

const queues = openQueues();
// A loop held past the job lock loses every running job's lock (loop-watch.ts): say which jobs ran.
const { WORKER_LOCK_MS } = loadWorkerEnv();
watchEventLoop({
  everyMs: 1000,
  warnAfterMs: Math.max(2000, WORKER_LOCK_MS / 6),
  onBlocked: (blockedMs, running) =>
    log.warn({ blockedMs, lockMs: WORKER_LOCK_MS, running }, "mlsec worker: event loop blocked"),
});
await ensureBucket();
const workers = startWorkers(STAGE_HANDLERS, queues);
let metrics: Server | null = null;
// At once: the workers take jobs from here on, and a SIGTERM must drain them, not kill the process.
let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  const { WORKER_SHUTDOWN_MS } = loadWorkerEnv();
  log.info({ signal, deadlineMs: WORKER_SHUTDOWN_MS }, "mlsec worker: finishing current jobs");
  const handedBack = await drain(workers, WORKER_SHUTDOWN_MS);
  if (handedBack.length > 0)
    log.warn(
      { handedBack: handedBack.map((j) => `${j.queueName}/${j.id ?? "?"}`) },
      "mlsec worker: deadline passed, running jobs handed back for another worker",
    );
  metrics?.close();
  // Bounded: a handed-back job's abandoned handler may still hold a connection.
  const cleanup = Promise.all([queues.close(), closeDb()]);
  await Promise.race([cleanup, new Promise((r) => setTimeout(r, 2000))]);
  log.info("mlsec worker: stopped");
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));

await scheduleJob(queues, "sweep-silent-uploads", { every: SWEEP_EVERY_MS }, JOB_NAMES.sweep, {
  olderThanMs: SILENT_AFTER_MS,
});
await scheduleJob(
  queues,
  "retrain-all-daily",
  { pattern: RETRAIN_PATTERN, tz: "UTC" },
  JOB_NAMES.retrainAll,
  {},
);
await scheduleJob(
  queues,
  "community-refresh-daily",
  { pattern: COMMUNITY_PATTERN, tz: "UTC" },
  JOB_NAMES.communityRefresh,
  {},
);
await scheduleJob(
  queues,
  "retention-daily",
  { pattern: RETENTION_PATTERN, tz: "UTC" },
  JOB_NAMES.retention,
  {},
);
await scheduleJob(
  queues,
  "rollup-partitions-daily",
  { pattern: ROLLUP_PARTITIONS_PATTERN, tz: "UTC" },
  JOB_NAMES.rollupPartitions,
  {},
);
// Idempotent and cheap when there is nothing to do; the fixed id keeps concurrent starts to one run.
await addJob(
  queues,
  JOB_NAMES.rollupPartitions,
  {},
  { jobId: `rollup-partitions-${new Date().toISOString().slice(0, 13)}` },
);
await addJob(
  queues,
  JOB_NAMES.decisionsBackfill,
  {},
  { jobId: `decisions-backfill-${new Date().toISOString().slice(0, 13)}` },
);
const { WORKER_METRICS_PORT, WORKER_METRICS_HOST } = loadWorkerEnv();
metrics =
  WORKER_METRICS_PORT > 0
    ? await serveMetrics({
        port: WORKER_METRICS_PORT,
        host: WORKER_METRICS_HOST,
        token: loadMetricsEnv().METRICS_TOKEN,
      })
    : null;
log.info(
  { queues: workers.map((w) => w.name), metricsPort: WORKER_METRICS_PORT || null },
  "mlsec worker ready",
);
