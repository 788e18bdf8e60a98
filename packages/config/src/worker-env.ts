import { z } from "zod";
import { readEnv } from "./read-env.ts";

export const ZWorkerEnv = z.object({
  /** Jobs run at once per queue in one worker process. */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  /** How long a job's lock lasts without renewal: a killed worker's job is retried after this. */
  WORKER_LOCK_MS: z.coerce.number().int().min(1000).default(30_000),
  /**
   * Most labelled rows one training uses (analyst verdicts always kept, the rest a seeded sample of
   * each class): the train stage's memory and time follow this, not the tenant's number of sources.
   * See ARCHITECTURE.md "Failure".
   */
  TRAIN_MAX_ROWS: z.coerce.number().int().min(100).max(1_000_000).default(10_000),
  /** Limit on decompressed upload size, against decompression bombs (default 50 GiB). */
  MAX_DECOMPRESSED_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(50 * 1024 ** 3),
});
export type TWorkerEnv = z.infer<typeof ZWorkerEnv>;
export const loadWorkerEnv = (source?: NodeJS.ProcessEnv): TWorkerEnv => readEnv(ZWorkerEnv, source);
