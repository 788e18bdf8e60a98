import { z } from "zod";
import { readEnv } from "./read-env.ts";

const count = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/**
 * Abuse limits of the portal, counted in Redis so every portal process shares them. Windows are
 * fixed: they start at the first counted hit and Retry-After is what is left of them.
 */
export const ZRateLimitEnv = z.object({
  /** Failed sign-ins per account within the window before every attempt on it answers 429. */
  SIGNIN_MAX_FAILURES_PER_ACCOUNT: count(10),
  /** Failed sign-ins per client address (any accounts) within the window. */
  SIGNIN_MAX_FAILURES_PER_ADDRESS: count(50),
  SIGNIN_WINDOW_SECONDS: count(15 * 60),
  /** API calls per API key per window (default 600 a minute). */
  API_RATE_LIMIT_PER_KEY: count(600),
  API_RATE_LIMIT_WINDOW_SECONDS: count(60),
  /** Uploads per tenant per 24 hours, by count and by bytes. */
  UPLOADS_PER_TENANT_PER_DAY: count(500),
  UPLOAD_BYTES_PER_TENANT_PER_DAY: count(200 * 1024 ** 3),
});
export type TRateLimitEnv = z.infer<typeof ZRateLimitEnv>;
export const loadRateLimitEnv = (source?: NodeJS.ProcessEnv): TRateLimitEnv => readEnv(ZRateLimitEnv, source);
