import type { TCommunityJob } from "@mlsec/jobs";
import { refreshCommunity } from "@mlsec/pipeline";
import { utcDay } from "@mlsec/core/day";

/**
 * maintenance.community-refresh: copies consenting tenants into the pool, imports the public feeds
 * and stores the global view's summary, as of the given day or today (UTC).
 */
export async function runCommunityRefresh(job: TCommunityJob) {
  const asOf = job.asOf ?? utcDay();
  const summary = await refreshCommunity({ asOf });
  const counts = { asOf, pool: summary.pool, view: summary.view };
  console.log(`[community] refreshed:`, JSON.stringify(counts));
  return counts;
}
