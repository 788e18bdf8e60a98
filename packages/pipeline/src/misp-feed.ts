import {
  mispEventUuid,
  renderMispEvent,
  renderMispHashes,
  renderMispManifest,
  type TMispDaySummary,
  type TMispFeedOptions,
  type TFeedDecision,
} from "@mlsec/core/feeds";
import { decisionDayStamps, getTenant, type TFeed } from "@mlsec/db";
import { openFeed } from "./feed-selection.ts";

/**
 * A MISP feed (what "Fetch and store all feed data" reads from a feed URL): `manifest.json`, one
 * event per as-of day, `hashes.csv`. Each day's event is re-rendered from the current decisions on
 * every pull, so an address that leaves the feed (a false positive, an expiry) leaves its event, and
 * the event's timestamp (the day's newest decision write) tells MISP to fetch it again.
 */
export async function openMispFeed(feed: TFeed, now: Date) {
  const { selection, decisions } = await openFeed(feed, now);
  const tenant = await getTenant(feed.tenantId);
  const options: TMispFeedOptions = {
    tenantId: feed.tenantId,
    orgName: `mlsec: ${tenant?.name ?? feed.tenantId}`,
  };
  const stamps = await decisionDayStamps(selection.query);

  /** Per-day counts of what the feed serves (at most the window's days: a small map). */
  const days = async (): Promise<TMispDaySummary[]> => {
    const counts = new Map<string, number>();
    for await (const d of decisions()) counts.set(d.asOf, (counts.get(d.asOf) ?? 0) + 1);
    return [...counts]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([day, count]) => ({
        day,
        count,
        timestamp: Math.floor((stamps.get(day) ?? now).getTime() / 1000),
      }));
  };
  async function* ofDay(day: string): AsyncGenerator<TFeedDecision> {
    for await (const d of decisions()) if (d.asOf === day) yield d;
  }
  return {
    manifest: async () => renderMispManifest(await days(), options),
    hashes: () => renderMispHashes(decisions(), { tenantId: feed.tenantId, now }),
    /** The event with this uuid and its attribute count, or null when no served day has it. */
    event: async (uuid: string) => {
      const summary = (await days()).find((s) => mispEventUuid(feed.tenantId, s.day) === uuid);
      return summary
        ? { body: renderMispEvent(ofDay(summary.day), summary, { ...options, now }), count: summary.count }
        : null;
    },
  };
}
