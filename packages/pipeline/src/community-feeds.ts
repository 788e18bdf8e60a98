import { readFileSync } from "node:fs";
import { dirname, join, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { type TFeedConfig, ZFeedConfigs, feedEntries } from "@mlsec/core/community";
import { markFeedImported, replaceContributions, upsertCommunityFeed } from "@mlsec/db";
import { addDays } from "@mlsec/core/day";

/**
 * The shipped feeds (see data/community-feeds/NOTICE.md for sources and licences). A function, not
 * `new URL(..., import.meta.url)`: the portal bundles this package and its bundler would try to
 * resolve that URL as a module; only the worker ever reads the files.
 */
export function shippedFeedsDir(): string {
  return join(dirname(fileURLToPath(import.meta.url)), "..", "data", "community-feeds") + sep;
}

export function loadFeedConfigs(dir = shippedFeedsDir()): TFeedConfig[] {
  return ZFeedConfigs.parse(JSON.parse(readFileSync(`${dir}feeds.json`, "utf8")));
}

/** A feed's pool pseudonym: public, so its name is its id. */
export const feedContributorId = (id: string): string => `feed:${id}`;

/**
 * Imports every configured feed's current listing as its rows of `day` (replacing that day's, so a
 * rerun is harmless). Each feed is its own source with its weight and licence note.
 */
export async function importCommunityFeeds(opts: {
  day: string;
  dir?: string;
  now?: Date;
}): Promise<{ id: string; entries: number; skippedCidrs: number }[]> {
  const dir = opts.dir ?? shippedFeedsDir();
  const out: { id: string; entries: number; skippedCidrs: number }[] = [];
  for (const feed of loadFeedConfigs(dir)) {
    const { ips, skippedCidrs } = feedEntries(readFileSync(dir + feed.file, "utf8"), feed.format, {
      minLists: feed.minLists,
    });
    await upsertCommunityFeed({
      id: feed.id,
      name: feed.name,
      format: feed.format,
      weight: feed.weight,
      licence: feed.licence,
      source: feed.source,
    });
    await replaceContributions({
      contributorId: feedContributorId(feed.id),
      from: opts.day,
      before: addDays(opts.day, 1),
      rows: ips.map((ip) => ({ day: opts.day, ip })),
    });
    await markFeedImported({ id: feed.id, entries: ips.length, at: opts.now ?? new Date() });
    out.push({ id: feed.id, entries: ips.length, skippedCidrs });
  }
  return out;
}
