import { z } from "zod";
import { readEnv } from "./read-env.ts";

export const ZRedisEnv = z.object({
  REDIS_URL: z.string().url().default("redis://127.0.0.1:6379"),
  /** Prefix for every BullMQ key, so several checkouts (or test runs) can share one Redis. */
  QUEUE_PREFIX: z.string().min(1).default("mlsec"),
  /**
   * Redis Cluster seed nodes, "host:port,host:port"; when set they replace REDIS_URL and every
   * BullMQ key is hash-tagged ({QUEUE_PREFIX}) so each queue's keys share one slot.
   */
  REDIS_CLUSTER_NODES: z
    .string()
    .regex(/^[^\s,:]+:\d+(,[^\s,:]+:\d+)*$/, "host:port, comma-separated")
    .optional(),
});
export type TRedisEnv = z.infer<typeof ZRedisEnv>;
export const loadRedisEnv = (source?: NodeJS.ProcessEnv): TRedisEnv => readEnv(ZRedisEnv, source);
