import { z } from "zod";
import { readEnv } from "./read-env.ts";

export const ZWorkerEnv = z.object({
  /** Jobs run at once per queue in one worker process. */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  /** Limit on decompressed upload size, against decompression bombs (default 50 GiB). */
  MAX_DECOMPRESSED_BYTES: z.coerce.number().int().positive().default(50 * 1024 ** 3),
});
export type TWorkerEnv = z.infer<typeof ZWorkerEnv>;
export const loadWorkerEnv = (source?: NodeJS.ProcessEnv): TWorkerEnv => readEnv(ZWorkerEnv, source);
