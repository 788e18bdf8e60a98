import {
  computeCommunityView,
  poolDaysRows,
  contributionsFromRollups,
  feedStats,
  type TFeedSnapshots,
  topCommunity,
} from "@mlsec/core/community";
import {
  contributingTenants,
  countPoolRows,
  listCommunityFeeds,
  replaceContributions,
  saveCommunityRun,
} from "@mlsec/db";
import { sharedAsnTable } from "./asn-table.ts";
import { feedContributorId, importCommunityFeeds } from "./community-feeds.ts";
import { loadTenantPool, poolFrom } from "./community-pool.ts";
import { type TCommunitySummary } from "./community-summary.ts";
import { daysBefore, loadTenantRollups } from "./tenant-rollups.ts";

/**
 * The scheduled community job, as of a day: copies each consenting tenant's bad (day, IP) pairs
 * within the decay horizon into the pool under its pseudonym, imports the public feeds as the
 * previous day's listing, computes the global view (k-anonymous, capped) and stores its summary
 * with the feeds' quality for the admin page. Idempotent for a given day.
 */
export async function refreshCommunity(opts: {
  asOf: string;
  feedsDir?: string;
}): Promise<TCommunitySummary> {
  const from = poolFrom(opts.asOf);
  for (const t of await contributingTenants()) {
    const rollups = await loadTenantRollups({ tenantId: t.tenantId, from, before: opts.asOf });
    await replaceContributions({
      contributorId: t.contributorId,
      from,
      before: opts.asOf,
      rows: contributionsFromRollups(rollups, t.contributorId),
    });
  }
  const imported = await importCommunityFeeds({ day: daysBefore(opts.asOf, 1), dir: opts.feedsDir });
  const pool = await loadTenantPool({ tenantId: null, from, before: opts.asOf });
  const view = computeCommunityView(pool.rows, {
    ...pool.options,
    asOf: opts.asOf,
    asn: await sharedAsnTable(),
  });
  const feeds = await listCommunityFeeds();
  const snapshots: TFeedSnapshots[] = feeds.map((f) => ({ name: f.id, days: new Map() }));
  const byId = new Map(feeds.map((f, i) => [feedContributorId(f.id), snapshots[i]]));
  for (const r of poolDaysRows(pool.rows)) {
    const s = byId.get(r.contributor);
    if (!s) continue;
    let set = s.days.get(r.day) as Set<string> | undefined;
    if (!set) s.days.set(r.day, (set = new Set()));
    set.add(r.ip);
  }
  const summary: TCommunitySummary = {
    asOf: opts.asOf,
    pool: await countPoolRows(),
    view: {
      ips: view.ips.size,
      nets: view.nets.size,
      as: view.as.size,
      ipsHidden: view.stats.ipsHidden,
      minContributors: view.minContributors,
      contributorCap: view.contributorCap,
    },
    top: topCommunity(view, 20),
    feeds: feedStats(snapshots),
    imported,
  };
  await saveCommunityRun({ asOf: opts.asOf, summary: JSON.parse(JSON.stringify(summary)) as object });
  return summary;
}
