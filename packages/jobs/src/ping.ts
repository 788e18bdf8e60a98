import { Redis } from "ioredis";
import { loadRedisEnv } from "@mlsec/config";

/**
 * The health check's probe: a PING on a connection of its own, closed after. Not the shared
 * producer connection: that one queues commands while Redis is away (maxRetriesPerRequest: null,
 * so an enqueue survives a restart), and a PING on it would wait instead of failing.
 */
export async function pingRedis(url?: string, timeoutMs = 2000): Promise<void> {
  const env = loadRedisEnv();
  // On a cluster the probe asks a seed node whether the cluster serves every slot, not just PING.
  const seed = url === undefined ? env.REDIS_CLUSTER_NODES?.split(",")[0] : undefined;
  const redis = new Redis(url ?? (seed ? `redis://${seed}` : env.REDIS_URL), {
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
    if (seed) {
      const info = String(await redis.call("CLUSTER", "INFO"));
      if (!/cluster_state:ok/.test(info)) throw new Error(`Redis Cluster at ${seed} is not ok`);
    } else await redis.ping();
  } finally {
    redis.disconnect();
  }
}
