import { Redis } from "ioredis";
import { loadRedisEnv } from "@mlsec/config";

/**
 * The health check's probe: a PING on a connection of its own, closed after. Not the shared
 * producer connection: that one queues commands while Redis is away (maxRetriesPerRequest: null,
 * so an enqueue survives a restart), and a PING on it would wait instead of failing.
 */
export async function pingRedis(url: string = loadRedisEnv().REDIS_URL, timeoutMs = 2000): Promise<void> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  // A refused connection is also emitted as "error"; the rejected connect() below reports it.
  redis.on("error", () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } finally {
    redis.disconnect();
  }
}
