import { z } from "zod";
import { readEnv } from "./read-env.ts";

/**
 * Platform-wide community pool rules (one pool, so one setting for all tenants). k below 2 would
 * let a single tenant's sightings be read back by others, so it is refused.
 */
export const ZCommunityEnv = z.object({
  /** k: distinct tenants that must report an IP, /24, /16 or AS before the pool shows it. */
  COMMUNITY_MIN_TENANTS: z.coerce.number().int().min(2).max(100).default(3),
  /** Most decayed IP-days one contributor can add to one IP, neighbourhood or AS (poisoning bound). */
  COMMUNITY_CONTRIBUTOR_CAP: z.coerce.number().positive().max(1e6).default(32),
});
export type TCommunityEnv = z.infer<typeof ZCommunityEnv>;
export const loadCommunityEnv = (source?: NodeJS.ProcessEnv): TCommunityEnv => readEnv(ZCommunityEnv, source);
