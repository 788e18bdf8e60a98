import { Redis } from "ioredis";
import { loadRedisEnv, type TRedisEnv } from "@mlsec/config";

/**
 * A Redis connection for BullMQ. Workers need maxRetriesPerRequest: null so a blocking fetch
 * survives a Redis restart instead of throwing; producers use the same settings for simplicity.
 */
export function createConnection(env: TRedisEnv = loadRedisEnv()): Redis {
  return new Redis(env.REDIS_URL, { maxRetriesPerRequest: null, enableReadyCheck: false });
}

export const queuePrefix = (env: TRedisEnv = loadRedisEnv()): string => env.QUEUE_PREFIX;
