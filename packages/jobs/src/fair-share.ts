import type { TRedisConnection } from "./connection.ts";

/**
 * Fair sharing of a queue between tenants (#21), on BullMQ's open-source primitives (it has no
 * groups): two Redis sorted sets per queue and tenant, each touched by one single-key script, so
 * they work on Redis Cluster under the queues' hash-tagged prefix.
 *
 * - **Priority at enqueue**: a job's BullMQ priority is the number of jobs its tenant has waiting on
 *   that queue, itself included. A tenant with twenty uploads queued holds priorities 1..20; another
 *   tenant's first upload gets 1 and is fetched before the first one's second (equal priorities are
 *   first come, first served), which makes the fetch order round-robin between tenants. The waiting
 *   set holds job ids, so enqueueing an id twice (a retried stage enqueues its successor again)
 *   counts once; an id that never starts (cancelled, its tenant erased) ages out after a day.
 * - **Slots at start**: at most `limit` jobs of one tenant run on a queue at once, across every
 *   worker process. A job over the limit goes back to the queue for a moment (the worker moves it to
 *   delayed), so the slot it was fetched into serves another tenant. A slot is a lease, renewed
 *   while the job runs: a killed worker's slot lapses instead of blocking its tenant for good, and
 *   the killed job, fetched again under the same id, takes its own slot back.
 */

export const WAITING_TTL_MS = 24 * 3600 * 1000;

const waitingKey = (prefix: string, queue: string, tenantId: string) =>
  `${prefix}:fair:${queue}:waiting:${tenantId}`;
const runningKey = (prefix: string, queue: string, tenantId: string) =>
  `${prefix}:fair:${queue}:running:${tenantId}`;

// KEYS[1] waiting set; ARGV: job id, now (ms), ttl (ms). Returns the tenant's waiting count.
const ENQUEUE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[2]) - tonumber(ARGV[3]))
redis.call('ZADD', KEYS[1], 'NX', ARGV[2], ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return redis.call('ZCARD', KEYS[1])
`;

// KEYS[1] running set; ARGV: job id, now (ms), lease (ms), limit. Returns 1 when the job holds a
// slot (newly or already: a job fetched again after its worker died), 0 when the tenant is at its limit.
const ACQUIRE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
local expires = tonumber(ARGV[2]) + tonumber(ARGV[3])
if redis.call('ZSCORE', KEYS[1], ARGV[1]) then
  redis.call('ZADD', KEYS[1], expires, ARGV[1])
  return 1
end
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[4]) then return 0 end
redis.call('ZADD', KEYS[1], expires, ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
`;

// KEYS[1] running set; ARGV: job id, now (ms), lease (ms). Renews a held slot (XX: never re-adds one
// already released).
const RENEW = `
redis.call('ZADD', KEYS[1], 'XX', tonumber(ARGV[2]) + tonumber(ARGV[3]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
`;

/** A BullMQ priority is at most 2^21 - 1. */
const MAX_PRIORITY = 2_097_151;

/** Records a job as its tenant's waiting job and returns the priority to add it with. */
export async function fairPriority(
  redis: TRedisConnection,
  at: { prefix: string; queue: string; tenantId: string; jobId: string },
  now = Date.now(),
): Promise<number> {
  const key = waitingKey(at.prefix, at.queue, at.tenantId);
  const count = Number(await redis.eval(ENQUEUE, 1, key, at.jobId, now, WAITING_TTL_MS));
  return Math.min(Math.max(1, count), MAX_PRIORITY);
}

export type TTenantSlot = { renew: () => Promise<void>; release: () => Promise<void> };

/**
 * Takes one of the tenant's running slots on a queue for a job: null when the tenant already runs
 * `limit` jobs there. Taking it also ends the job's place among the tenant's waiting jobs.
 */
export async function acquireTenantSlot(
  redis: TRedisConnection,
  at: { prefix: string; queue: string; tenantId: string; jobId: string },
  limit: number,
  leaseMs: number,
): Promise<TTenantSlot | null> {
  const running = runningKey(at.prefix, at.queue, at.tenantId);
  const got = Number(await redis.eval(ACQUIRE, 1, running, at.jobId, Date.now(), leaseMs, limit));
  if (got !== 1) return null;
  await redis.zrem(waitingKey(at.prefix, at.queue, at.tenantId), at.jobId);
  return {
    renew: async () => {
      await redis.eval(RENEW, 1, running, at.jobId, Date.now(), leaseMs);
    },
    release: async () => {
      await redis.zrem(running, at.jobId);
    },
  };
}

/** What the fairness sets hold for one tenant on one queue (for tests and the operator). */
export async function tenantShare(
  redis: TRedisConnection,
  at: { prefix: string; queue: string; tenantId: string },
): Promise<{ waiting: number; running: number }> {
  const now = Date.now();
  const [waiting, running] = await Promise.all([
    redis.zcount(waitingKey(at.prefix, at.queue, at.tenantId), now - WAITING_TTL_MS, "+inf"),
    redis.zcount(runningKey(at.prefix, at.queue, at.tenantId), now, "+inf"),
  ]);
  return { waiting, running };
}
