import type { TRedisConnection } from "./connection.ts";

/** A fixed window: at most `limit` units (hits, bytes) per `windowMs`, counted from the first one. */
export type TLimit = { limit: number; windowMs: number };
export type TLimitState = {
  /** Units counted in the current window, this hit included. */
  count: number;
  limited: boolean;
  /** What is left of the window: when a limited client may try again. */
  retryAfterMs: number;
};

// INCRBY and the expiry in one step, so concurrent portal processes never leave a counter without
// an expiry (which would lock a key out for good). A key that lost its TTL gets a fresh window.
const HIT = `
local n = redis.call('INCRBY', KEYS[1], ARGV[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  ttl = tonumber(ARGV[2])
end
return {n, ttl}`;

const PEEK = `
local n = tonumber(redis.call('GET', KEYS[1]) or '0')
local ttl = redis.call('PTTL', KEYS[1])
return {n, ttl}`;

function state(raw: unknown, limit: TLimit): TLimitState {
  const [count = 0, ttl = 0] = Array.isArray(raw) ? raw.map(Number) : [];
  return { count, limited: count > limit.limit, retryAfterMs: Math.max(0, ttl) };
}

/** Counts `cost` units against `key`; limited once the window's total passes the limit. */
export async function hitLimit(
  redis: TRedisConnection,
  key: string,
  limit: TLimit,
  cost = 1,
): Promise<TLimitState> {
  return state(await redis.eval(HIT, 1, key, String(cost), String(limit.windowMs)), limit);
}

/**
 * The window so far, counting nothing: limited when `cost` more units would pass the limit (cost 0:
 * when the limit is reached, as for sign-in failures, where the next attempt is the one refused).
 */
export async function peekLimit(
  redis: TRedisConnection,
  key: string,
  limit: TLimit,
  cost = 0,
): Promise<TLimitState> {
  const s = state(await redis.eval(PEEK, 1, key), limit);
  return { ...s, limited: cost === 0 ? s.count >= limit.limit : s.count + cost > limit.limit };
}

/** Forgets a key's window (a successful sign-in clears its account's failures). */
export async function clearLimit(redis: TRedisConnection, key: string): Promise<void> {
  await redis.del(key);
}

/** Retry-After in whole seconds, at least 1 (HTTP has no smaller unit). */
export const retryAfterSeconds = (s: TLimitState): number => Math.max(1, Math.ceil(s.retryAfterMs / 1000));
