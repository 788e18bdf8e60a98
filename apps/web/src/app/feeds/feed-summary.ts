import { FEED_MAX_ENTRIES } from "@/lib/api-schemas/feeds.ts";

type TFilter = {
  minScore: number | null;
  buckets: string[];
  includeCommunity: boolean;
  family: number | null;
  aggregate: boolean;
  maxEntries: number;
  pageSize: number | null;
};

/**
 * A feed's filter in one line, naming only what differs from serving the blocklist as it is, so
 * two feeds that look alike on the page also serve alike.
 */
export function filterSummary(feed: TFilter): string {
  const parts = [
    feed.minScore === null ? "score ≥ block threshold" : `score ≥ ${feed.minScore}`,
    feed.buckets.length === 0 ? "all buckets" : `buckets ${feed.buckets.join(", ")}`,
  ];
  if (!feed.includeCommunity) parts.push("no community-only addresses");
  if (feed.family !== null) parts.push(`IPv${feed.family} only`);
  if (feed.aggregate) parts.push("aggregated into CIDRs");
  if (feed.maxEntries < FEED_MAX_ENTRIES) parts.push(`at most ${feed.maxEntries} entries`);
  if (feed.pageSize !== null) parts.push(`pages of ${feed.pageSize}`);
  return parts.join("; ");
}
