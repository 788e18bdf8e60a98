import { z } from "zod";
import { readEnv } from "./read-env.ts";

export const ZWorkerEnv = z.object({
  /**
   * On SIGTERM, how long running jobs may take to finish before they are handed back to the queue
   * for another worker and the process exits. Below the supervisor's own limit (systemd's
   * TimeoutStopSec, Kubernetes' terminationGracePeriodSeconds, both 30 s by default), so the
   * hand-back happens before the supervisor's SIGKILL.
   */
  WORKER_SHUTDOWN_MS: z.coerce.number().int().min(0).default(20_000),
  /** Lowest level of the worker's JSON log lines (pino) written to stdout. */
  WORKER_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace"]).default("info"),
  /** Port of the worker's Prometheus metrics (job durations, failures, ingest lines); 0: none. */
  WORKER_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  /** Address the metrics port listens on; 0.0.0.0 where Prometheus scrapes from another host. */
  WORKER_METRICS_HOST: z.string().min(1).default("127.0.0.1"),
  /** Jobs run at once per queue in one worker process. */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  /**
   * Jobs of one tenant that run at once on each pipeline queue, across every worker process
   * (packages/jobs fair-share.ts): with WORKER_CONCURRENCY above it, one tenant's big upload leaves
   * a slot to the others. Its further jobs wait their turn; they do not fail.
   */
  WORKER_TENANT_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  /** How long a job's lock lasts without renewal: a killed worker's job is retried after this. */
  WORKER_LOCK_MS: z.coerce.number().int().min(1000).default(30_000),
  /**
   * How often a running stage marks its upload alive while it writes no progress (train's grid
   * search can run for many minutes): the silent-upload sweep fails an upload after 15 minutes
   * without one, so this stays well below that.
   */
  WORKER_HEARTBEAT_MS: z.coerce
    .number()
    .int()
    .min(250)
    .max(5 * 60_000)
    .default(60_000),
  /**
   * While another tenant's upload stage waits or runs, an ingest pauses this long after each
   * INGEST_YIELD_EVERY_MS of reading (a duty cycle, so a big upload slows beside small ones and
   * never stops); 0 turns yielding off.
   */
  INGEST_YIELD_MS: z.coerce.number().int().min(0).max(10_000).default(500),
  INGEST_YIELD_EVERY_MS: z.coerce.number().int().min(50).max(60_000).default(250),
  /**
   * Deaths of a job's worker the job survives (handed to another worker); one more fails it, so a
   * job that crashes its worker cannot crash-loop it. 1 in production; the kill-point fault test
   * raises it to kill one chain 20 times.
   */
  WORKER_MAX_STALLS: z.coerce.number().int().min(0).max(100).default(1),
  /**
   * When an upload's model is trained. "background" (the default): the report does not wait for a
   * grid search; it is scored with the tenant's active model (a tenant without one gets a quick fit
   * at fixed C and gamma first), and the full grid search runs afterwards as a retrain job that
   * re-scores the reports of the replaced model once a better one is promoted. "inline": the grid
   * search runs in the chain before the report, so a report never changes after its upload is done
   * (tests that compare two runs of the chain use it).
   */
  WORKER_TRAIN_MODE: z.enum(["background", "inline"]).default("background"),
  /**
   * Most rows the grid search cross-validates each (C, gamma) on (a seeded sample of each class);
   * the chosen point is then cross-validated and fitted on all TRAIN_MAX_ROWS rows. The grid is 30
   * points of 10 folds, so this bounds most of a training's time (docs/benchmarks.md).
   */
  TRAIN_GRID_ROWS: z.coerce.number().int().min(100).max(1_000_000).default(3000),
  /**
   * SVM threads of a retrain's grid search (the background work behind reports); 0: every CPU but
   * one, so an upload's own stages (another tenant's report) keep a CPU while a grid search runs.
   */
  TRAIN_BACKGROUND_THREADS: z.coerce.number().int().min(0).max(256).default(0),
  /**
   * Nice value of those threads (0..19; Linux keeps it per thread): the scheduler gives the
   * worker's own stages the CPU first while a grid search runs, in this and every other worker
   * process on the machine.
   */
  TRAIN_BACKGROUND_NICE: z.coerce.number().int().min(0).max(19).default(10),
  /**
   * Most labelled rows one training uses (analyst verdicts always kept, the rest a seeded sample of
   * each class): the train stage's memory and time follow this, not the tenant's number of sources.
   * See ARCHITECTURE.md "Failure".
   */
  TRAIN_MAX_ROWS: z.coerce.number().int().min(100).max(1_000_000).default(10_000),
  /**
   * Most (day, address) rollups one backtest run holds: core's day-forward backtest keeps the
   * range's rollups and their decay horizon in memory (training inside it is capped by
   * TRAIN_MAX_ROWS), so a larger tenant's run fails at once with this in its reason instead of
   * running the worker out of memory. The default assumes about 1 KB of heap per rollup (an
   * estimate, not a measurement: docs/benchmarks.md has no backtest memory figure yet).
   */
  BACKTEST_MAX_ROLLUPS: z.coerce.number().int().min(1000).max(50_000_000).default(2_000_000),
  /**
   * Events kept per address and day for the IP page (the first N; the rest are counted). 0 turns
   * the sample off: until the sample is full (200,000 events) every line goes through the
   * TypeScript parser instead of the WebAssembly kernel, about 3 s more node CPU per million lines
   * (docs/benchmarks.md, "Event sample kept with each upload").
   */
  EVENT_SAMPLE_PER_DAY: z.coerce.number().int().min(0).max(100).default(5),
  /**
   * Limit on an upload's decompressed size, against decompression bombs (default 20 GiB: twice the
   * largest upload accepted, at ordinary log compression, is far less than this).
   */
  MAX_DECOMPRESSED_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(20 * 1024 ** 3),
  /**
   * Most decompressed bytes per compressed byte read, checked once past
   * DECOMPRESSION_RATIO_AFTER_BYTES: logs gzip 5 to 20 times, a bomb of zeros about 1000 times, so a
   * bomb is refused after ~1 GiB of output instead of after the size limit (minutes of CPU).
   */
  MAX_DECOMPRESSION_RATIO: z.coerce.number().positive().default(200),
  DECOMPRESSION_RATIO_AFTER_BYTES: z.coerce
    .number()
    .int()
    .nonnegative()
    .default(1024 ** 3),
});
export type TWorkerEnv = z.infer<typeof ZWorkerEnv>;
export const loadWorkerEnv = (source?: NodeJS.ProcessEnv): TWorkerEnv => readEnv(ZWorkerEnv, source);
