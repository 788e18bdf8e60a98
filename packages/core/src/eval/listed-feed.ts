import type { TContribution } from "../community/contribution.ts";
import { dayNumber, dayString } from "../day/day-number.ts";
import type { TFeedEntry } from "./world-types.ts";

/** A feed entry as the backtest reads it: listed on every day from `since` ("" = before any day). */
export type TListedEntry = { ip: string; count: number; since: string };

export const FEED_CONTRIBUTOR = "feed:public";

/** A world's feed with its day indices turned into days. */
export function listedEntries(feed: readonly TFeedEntry[], days: readonly string[]): TListedEntry[] {
  return feed.map((e) => ({
    ip: e.ip,
    count: e.count,
    since: e.listedDay < 0 ? "" : (days[e.listedDay] ?? "9999-12-31"),
  }));
}

/**
 * The feed as community pool rows, one per entry and day listed, as the daily feed import writes
 * them, from `from` to `to`. Entries named by fewer than `minCount` lists stay out (the shipped
 * IPsum import takes 3+), which also bounds the pool's size.
 */
export function feedContributions(
  feed: readonly TListedEntry[],
  opts: { from: string; to: string; minCount?: number },
): TContribution[] {
  const out: TContribution[] = [];
  const from = dayNumber(opts.from);
  const to = dayNumber(opts.to);
  for (const e of feed) {
    if (e.count < (opts.minCount ?? 1)) continue;
    const start = e.since === "" ? from : Math.max(from, dayNumber(e.since));
    for (let d = start; d <= to; d++)
      out.push({ contributor: FEED_CONTRIBUTOR, day: dayString(d), ip: e.ip });
  }
  return out;
}
