import { Cluster, Redis } from "ioredis";
import { loadRedisEnv, type TRedisEnv } from "@mlsec/config";

/** A single Redis or a Redis Cluster: BullMQ and the rate limits take either. */
export type TRedisConnection = Redis | Cluster;

// Workers need maxRetriesPerRequest: null so a blocking fetch survives a Redis restart instead of
// throwing; producers use the same settings for simplicity.
const OPTIONS = { maxRetriesPerRequest: null, enableReadyCheck: false } as const;

/** The Redis connection for BullMQ and the rate limits: a Cluster client when seed nodes are set. */
export function createConnection(env: TRedisEnv = loadRedisEnv()): TRedisConnection {
  const nodes = clusterNodes(env);
  if (nodes) return new Cluster(nodes, { redisOptions: OPTIONS });
  return new Redis(env.REDIS_URL, OPTIONS);
}

function clusterNodes(env: TRedisEnv): { host: string; port: number }[] | null {
  if (!env.REDIS_CLUSTER_NODES) return null;
  return env.REDIS_CLUSTER_NODES.split(",").map((node) => {
    const at = node.lastIndexOf(":");
    return { host: node.slice(0, at), port: Number(node.slice(at + 1)) };
  });
}

/**
 * The BullMQ key prefix. On a cluster it is wrapped in a hash tag, {mlsec}, because BullMQ's Lua
 * scripts touch several keys of a queue at once and Redis Cluster only allows that within one slot.
 * A single Redis keeps the plain prefix, so existing queues stay where they are.
 */
export const queuePrefix = (env: TRedisEnv = loadRedisEnv()): string =>
  env.REDIS_CLUSTER_NODES ? hashTagged(env.QUEUE_PREFIX) : env.QUEUE_PREFIX;

export const hashTagged = (prefix: string): string => (/^\{[^}]+\}$/.test(prefix) ? prefix : `{${prefix}}`);
