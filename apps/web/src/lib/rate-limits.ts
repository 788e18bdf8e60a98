import { loadRateLimitEnv, type TRateLimitEnv } from "@mlsec/config";
import { recordAudit, tenantsOfEmail } from "@mlsec/db";
import {
  clearLimit,
  hitLimit,
  peekLimit,
  retryAfterSeconds,
  type TLimit,
  type TLimitState,
} from "@mlsec/jobs";
import type { TPrincipal } from "./authenticate-request.ts";
import { jsonError } from "./json-error.ts";
import { getQueues } from "./queues.ts";
import { MS_PER_DAY } from "@mlsec/core/day";

/**
 * The portal's abuse limits. Counters live in Redis (the queues' connection, under the queue
 * prefix) so that every portal process shares them; windows are fixed (packages/jobs/rate-limit.ts).
 */
let cached: TRateLimitEnv | undefined;
const env = (): TRateLimitEnv => (cached ??= loadRateLimitEnv());
const redis = () => getQueues().connection;
const key = (...parts: string[]) => `${getQueues().prefix}:rl:${parts.join(":")}`;
const signInWindow = (limit: number): TLimit => ({ limit, windowMs: env().SIGNIN_WINDOW_SECONDS * 1000 });
const accountKey = (email: string) => key("signin-account", email.trim().toLowerCase());
const addressKey = (address: string) => key("signin-address", address);

/** 429 with Retry-After, saying when to come back. */
export function tooManyRequests(message: string, s: TLimitState): Response {
  const retryAfter = retryAfterSeconds(s);
  return jsonError(
    429,
    `${message}; try again in ${retryAfter} s`,
    { retryAfter },
    {
      "Retry-After": String(retryAfter),
    },
  );
}

/**
 * The client's address as the nearest proxy saw it: the last X-Forwarded-For entry (next start
 * fills the header from the socket only when the client sent none, so without a proxy that appends
 * a client can choose it: the per-account limit is the one no client can move; docs/security.md).
 */
export function clientAddress(headers: Headers | Record<string, unknown>): string {
  const raw = headers instanceof Headers ? headers.get("x-forwarded-for") : headers["x-forwarded-for"];
  const value = Array.isArray(raw) ? raw.join(",") : typeof raw === "string" ? raw : "";
  return (
    value
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean)
      .at(-1) ?? "unknown"
  );
}

/** Whether sign-in for this account or from this address is refused for now (before any password check). */
export async function signInBlocked(email: string, address: string): Promise<TLimitState | null> {
  const e = env();
  const [account, from] = await Promise.all([
    peekLimit(redis(), accountKey(email), signInWindow(e.SIGNIN_MAX_FAILURES_PER_ACCOUNT)),
    peekLimit(redis(), addressKey(address), signInWindow(e.SIGNIN_MAX_FAILURES_PER_ADDRESS)),
  ]);
  if (account.limited && from.limited) return account.retryAfterMs >= from.retryAfterMs ? account : from;
  return account.limited ? account : from.limited ? from : null;
}

/** Counts a failed sign-in against the account and the address, and audits it in the account's organisations. */
export async function recordSignInFailure(email: string, address: string): Promise<void> {
  const e = env();
  const [account] = await Promise.all([
    hitLimit(redis(), accountKey(email), signInWindow(e.SIGNIN_MAX_FAILURES_PER_ACCOUNT)),
    hitLimit(redis(), addressKey(address), signInWindow(e.SIGNIN_MAX_FAILURES_PER_ADDRESS)),
  ]);
  const locked = account.count >= e.SIGNIN_MAX_FAILURES_PER_ACCOUNT;
  for (const tenantId of await tenantsOfEmail(email))
    await recordAudit({
      tenantId,
      actor: "anonymous",
      action: locked && account.count === e.SIGNIN_MAX_FAILURES_PER_ACCOUNT ? "rate-limit" : "sign-in.failed",
      target: email.trim().toLowerCase(),
      detail: { address, failures: account.count, ...(locked ? { limitedFor: account.retryAfterMs } : {}) },
    });
}

/** A successful sign-in forgets its account's failures (not the address's: others may be guessing from it). */
export async function clearSignInFailures(email: string): Promise<void> {
  await clearLimit(redis(), accountKey(email));
}

/** API calls per key: null to go on, or the 429. The first refused call of a window is audited. */
export async function limitApiKey(principal: TPrincipal): Promise<Response | null> {
  if (!("apiKeyId" in principal.actor)) return null;
  const e = env();
  const limit = { limit: e.API_RATE_LIMIT_PER_KEY, windowMs: e.API_RATE_LIMIT_WINDOW_SECONDS * 1000 };
  const s = await hitLimit(redis(), key("api-key", principal.actor.apiKeyId), limit);
  if (!s.limited) return null;
  if (s.count === limit.limit + 1)
    await recordAudit({
      tenantId: principal.tenantId,
      actor: principal.actor.apiKeyId,
      action: "rate-limit",
      target: "api",
      detail: { limit: limit.limit, windowSeconds: e.API_RATE_LIMIT_WINDOW_SECONDS },
    }).catch((err: unknown) => console.error("[audit] rate-limit:", err));
  return tooManyRequests(
    `more than ${limit.limit} API calls in ${e.API_RATE_LIMIT_WINDOW_SECONDS} s for this key`,
    s,
  );
}

/**
 * Uploads per tenant per 24 hours: counts this one, and refuses it when the count or the bytes
 * (those already stored plus what this one declares) would pass the limit.
 */
export async function limitUpload(principal: TPrincipal, declaredBytes: number): Promise<Response | null> {
  const e = env();
  const bytes = { limit: e.UPLOAD_BYTES_PER_TENANT_PER_DAY, windowMs: MS_PER_DAY };
  const byBytes = await peekLimit(redis(), key("upload-bytes", principal.tenantId), bytes, declaredBytes);
  const byCount = byBytes.limited
    ? null
    : await hitLimit(redis(), key("uploads", principal.tenantId), {
        limit: e.UPLOADS_PER_TENANT_PER_DAY,
        windowMs: MS_PER_DAY,
      });
  const refused = byBytes.limited ? byBytes : byCount?.limited ? byCount : null;
  if (!refused) return null;
  await recordAudit({
    tenantId: principal.tenantId,
    actor: "apiKeyId" in principal.actor ? principal.actor.apiKeyId : principal.actor.userId,
    action: "rate-limit",
    target: "uploads",
    detail: byBytes.limited
      ? { bytesLimit: bytes.limit, declaredBytes }
      : { uploadsLimit: e.UPLOADS_PER_TENANT_PER_DAY },
  }).catch((err: unknown) => console.error("[audit] rate-limit:", err));
  return tooManyRequests(
    byBytes.limited
      ? `this organisation's uploads would pass ${bytes.limit} bytes in 24 hours`
      : `more than ${e.UPLOADS_PER_TENANT_PER_DAY} uploads in 24 hours for this organisation`,
    refused,
  );
}

/** Counts a stored upload's bytes against its tenant's day. */
export async function countUploadBytes(tenantId: string, bytes: number): Promise<void> {
  await hitLimit(
    redis(),
    key("upload-bytes", tenantId),
    { limit: env().UPLOAD_BYTES_PER_TENANT_PER_DAY, windowMs: MS_PER_DAY },
    bytes,
  );
}
