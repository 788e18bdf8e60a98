import { aggregateCidrs, type TFeedDecision } from "@mlsec/core/feeds";
import type { TFeed } from "@mlsec/db";
import { feedDecisions, selectFeed, type TFeedFilter, type TFeedSelection } from "./feed-decisions.ts";

/** A feed row's filter columns as the selection filter. */
export function filterOfFeed(feed: TFeed): TFeedFilter {
  return {
    minScore: feed.minScore,
    buckets: feed.buckets,
    includeCommunity: feed.includeCommunity,
    family: feed.family === 4 || feed.family === 6 ? feed.family : null,
    maxEntries: feed.maxEntries,
  };
}

/** What a feed serves at `now`: its selection and the decisions in address order, CIDR-merged when asked. */
export async function openFeed(
  feed: TFeed,
  now: Date,
): Promise<{ selection: TFeedSelection; decisions: () => AsyncGenerator<TFeedDecision> }> {
  const selection = await selectFeed({ tenantId: feed.tenantId, filter: filterOfFeed(feed), now });
  const decisions = () =>
    feed.aggregate ? aggregateCidrs(feedDecisions(selection), { now }) : feedDecisions(selection);
  return { selection, decisions };
}

/**
 * The feed's settings as one string: a change to any of them changes the ETag. Not `updatedAt`:
 * counting a pull writes the row, so it changes on every pull.
 */
export function feedSettingsKey(feed: TFeed): string {
  return JSON.stringify([
    feed.minScore,
    feed.buckets,
    feed.includeCommunity,
    feed.family,
    feed.aggregate,
    feed.maxEntries,
    feed.pageSize,
  ]);
}
