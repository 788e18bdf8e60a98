import { z } from "zod";
import { readEnv } from "./read-env.ts";

export const ZDbEnv = z.object({
  DATABASE_URL: z.string().url().default("postgresql://postgres@127.0.0.1:5432/test"),
  /**
   * Connections each process's Prisma client may hold (pg's default, 10). Every tenant-scoped
   * query is an interactive transaction that holds one for its length, so a portal answering many
   * clients at once (100 tenants polling their uploads, bench/load.ts) queues on this pool.
   */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(500).default(10),
  /**
   * How long a tenant-scoped transaction waits for a connection before it fails (Prisma's own
   * default is 2 s, which a busy portal passed: its polls failed with 500 instead of queueing).
   * A request that still waits this long answers 503 with Retry-After.
   */
  DATABASE_TX_MAX_WAIT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
});
export type TDbEnv = z.infer<typeof ZDbEnv>;
export const loadDbEnv = (source?: NodeJS.ProcessEnv): TDbEnv => readEnv(ZDbEnv, source);
