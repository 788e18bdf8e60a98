// The worker process: consumes every queue. Start more of these to scale (see README).
import { closeDb } from "@mlsec/db";
import { loadMetricsEnv, loadWorkerEnv } from "@mlsec/config";
import { addJob, JOB_NAMES, openQueues, scheduleJob } from "@mlsec/jobs";
import { ensureBucket } from "@mlsec/storage";
import { STAGE_HANDLERS } from "./stages/index.ts";
import { serveMetrics } from "./metrics.ts";
import { startWorkers } from "./workers.ts";

const SWEEP_EVERY_MS = 60_000;
const SILENT_AFTER_MS = 15 * 60_000;
/** Daily retrain of every tenant with data, at 03:00 UTC (quiet hours for most uploads). */
const RETRAIN_PATTERN = "0 3 * * *";
/** The community pool and its view, daily at 02:00 UTC: an hour before the retrain that uses it. */
const COMMUNITY_PATTERN = "0 2 * * *";

const queues = openQueues();
await ensureBucket();
const workers = startWorkers(STAGE_HANDLERS, queues);
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
// Idempotent and cheap when there is nothing to do; the fixed id keeps concurrent starts to one run.
await addJob(
  queues,
  JOB_NAMES.decisionsBackfill,
  {},
  { jobId: `decisions-backfill-${new Date().toISOString().slice(0, 13)}` },
);
const { WORKER_METRICS_PORT, WORKER_METRICS_HOST } = loadWorkerEnv();
const metrics =
  WORKER_METRICS_PORT > 0
    ? await serveMetrics({
        port: WORKER_METRICS_PORT,
        host: WORKER_METRICS_HOST,
        token: loadMetricsEnv().METRICS_TOKEN,
      })
    : null;
console.log(`mlsec worker ready: queues ${workers.map((w) => w.name).join(", ")}`);

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  console.log(`mlsec worker: ${signal}, finishing current jobs`);
  await Promise.all(workers.map((w) => w.close()));
  metrics?.close();
  await queues.close();
  await closeDb();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
