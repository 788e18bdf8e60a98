import type { TScoredIp } from "../report/report-schema.ts";

/**
 * Own rank below which an IP's evidence is spent: one day of bad behaviour (rank 1) one half-life
 * old. Ranks decay as R·2^(-t/h) with no new activity.
 */
export const SPENT_RANK = 0.5;
/** Indicators never outlive the ranking horizon: older rollups no longer count at all. */
export const MAX_LIFETIME_DAYS = 90;

/** The IP's own decayed rank at its as-of day: the sum of its `ip:<cluster>` features. */
export function ownRank(scored: TScoredIp): number {
  let r = 0;
  for (const [name, v] of Object.entries(scored.features)) if (name.startsWith("ip:")) r += v;
  return r;
}

/**
 * Days an indicator stays valid after its as-of day: until the IP's own rank R, decaying with
 * half-life h, falls below SPENT_RANK, i.e. t = h·log2(R / SPENT_RANK) = h·(1 + log2 R); at least
 * one half-life (an IP flagged for its neighbourhood alone has R = 0 and still gets h days), at
 * most MAX_LIFETIME_DAYS. Fresh activity re-scores the IP and re-exports it with a later date.
 */
export function indicatorLifetimeDays(scored: TScoredIp, halfLifeDays: number): number {
  const r = ownRank(scored);
  const t = r > SPENT_RANK ? halfLifeDays * Math.log2(r / SPENT_RANK) : halfLifeDays;
  return Math.min(MAX_LIFETIME_DAYS, Math.max(halfLifeDays, t));
}
