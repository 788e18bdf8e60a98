import { z } from "zod";
import { DEFAULT_DECAY, type TDecay } from "../rank/decay.ts";

/**
 * One pool row: a contributor ranked one source IP bad on one UTC day (any behaviour cluster, or
 * listed by a public feed). Nothing else crosses into the pool: no destination, sensor, port or
 * raw line, and the contributor is a pseudonym (a random id per tenant, or "feed:<id>").
 */
export type TContribution = {
  contributor: string;
  /** "YYYY-MM-DD" */
  day: string;
  ip: string;
};

/** A contributor whose data is public (an imported feed): weighted, capped, but exempt from k. */
export type TPublicSource = { id: string; weight: number };

export const DEFAULT_MIN_CONTRIBUTORS = 3;
/**
 * Most a single contributor can add to one neighbourhood's (or AS's) decayed rank sum, in IP-days
 * (one IP ranked bad on the as-of eve weighs ~1). One contributor therefore moves a neighbourhood's
 * normalised community rank by at most cap / size (size 256 for a /24): the poisoning bound.
 */
export const DEFAULT_CONTRIBUTOR_CAP = 32;

export const ZCommunitySettings = z.object({
  minContributors: z.number().int().min(1).max(100).default(DEFAULT_MIN_CONTRIBUTORS),
  contributorCap: z.number().positive().max(1e6).default(DEFAULT_CONTRIBUTOR_CAP),
});
export type TCommunitySettings = z.infer<typeof ZCommunitySettings>;

export type TCommunityOptions = {
  asOf: string;
  /** The pool's own decay (default: the paper's 6-day half-life over 90 days), not any tenant's. */
  decay?: TDecay;
  /** k: a tenant-reported IP, /24, /16 or AS enters the view only with this many distinct tenants. */
  minContributors?: number;
  contributorCap?: number;
  /** Public feeds by contributor id; everyone else counts as a tenant. */
  publicSources?: readonly TPublicSource[];
  /** "Community minus me": this contributor's rows are ignored, and k counts the others only. */
  exclude?: string | null;
};

export function resolveCommunityOptions(opts: TCommunityOptions) {
  const s = ZCommunitySettings.parse({
    minContributors: opts.minContributors,
    contributorCap: opts.contributorCap,
  });
  return {
    ...s,
    asOf: opts.asOf,
    decay: opts.decay ?? DEFAULT_DECAY,
    weights: new Map((opts.publicSources ?? []).map((p) => [p.id, p.weight])),
    exclude: opts.exclude ?? null,
  };
}
