import { getCommunitySetting, latestCommunityRun, listCommunityFeeds } from "@mlsec/db";
import { ZCommunitySummary } from "@mlsec/pipeline/community";

/**
 * What the community page and GET /api/v1/community show a tenant: its own consent, the public
 * feeds with their weights and licences, and the latest global view summary (counts past the k
 * filter, the top entries that passed it, feed quality). The pseudonym is never returned.
 */
export async function communityView(tenantId: string) {
  const [setting, feeds, run] = await Promise.all([
    getCommunitySetting(tenantId),
    listCommunityFeeds(),
    latestCommunityRun(),
  ]);
  return {
    contribute: setting.contribute,
    feeds: feeds.map((f) => ({
      id: f.id,
      name: f.name,
      format: f.format,
      weight: f.weight,
      licence: f.licence,
      source: f.source,
      entries: f.entries,
      importedAt: f.importedAt?.toISOString() ?? null,
    })),
    lastRun: lastRunOf(run),
  };
}
/** The latest run, or null when there is none or its stored summary no longer fits the schema. */
function lastRunOf(run: Awaited<ReturnType<typeof latestCommunityRun>>) {
  const summary = run ? ZCommunitySummary.safeParse(run.summary) : null;
  return run && summary?.success ? { computedAt: run.computedAt.toISOString(), summary: summary.data } : null;
}

export type TCommunityPageView = Awaited<ReturnType<typeof communityView>>;
