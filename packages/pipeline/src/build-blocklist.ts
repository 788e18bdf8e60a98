import {
  indicatorLifetimeDays,
  type TExportEntry,
  type TExportFilter,
  type TExportSet,
} from "@mlsec/core/export";
import { DEFAULT_HALF_LIFE_DAYS } from "@mlsec/core/rank";
import { ZReport } from "@mlsec/core/report";
import { selectListedEntries } from "@mlsec/core/score";
import { getTenant, listDoneReports } from "@mlsec/db";
import { getJson } from "@mlsec/storage";
import { loadListMatcher } from "./tenant-lists.ts";
import { addDays, dayStart, MS_PER_DAY, utcDay } from "@mlsec/core/day";

/** Reports older than this no longer feed the blocklist: their ranks have decayed ~5 half-lives. */
export const BLOCKLIST_WINDOW_DAYS = 30;
/** At most this many recent reports are read per request, newest first. */
export const BLOCKLIST_MAX_REPORTS = 100;

/**
 * The tenant's blocklist: every IP of its done uploads' reports created in the last
 * BLOCKLIST_WINDOW_DAYS days (at most BLOCKLIST_MAX_REPORTS, newest first), the newest report's
 * score for each IP winning, kept while that listing is valid, when it scores at least `min`
 * (default: the tenant's block threshold) and sits in one of `buckets` (all when empty), with the
 * allow/block lists applied. A feed with no filter (feed-decisions.ts) serves the same addresses.
 */
export async function buildBlocklist(opts: {
  tenantId: string;
  min?: number | null;
  buckets?: TExportFilter["buckets"];
  now?: Date;
}): Promise<TExportSet> {
  const now = opts.now ?? new Date();
  const tenant = await getTenant(opts.tenantId);
  const since = dayStart(addDays(utcDay(now), -BLOCKLIST_WINDOW_DAYS));
  const rows = await listDoneReports({ tenantId: opts.tenantId, since, take: BLOCKLIST_MAX_REPORTS });
  const latest = new Map<string, TExportEntry>();
  const halfLifeDays = tenant?.halfLifeDays ?? DEFAULT_HALF_LIFE_DAYS;
  for (const row of rows) {
    const report = ZReport.parse(await getJson(row.s3Key));
    for (const scored of report.ips)
      if (!latest.has(scored.ip)) latest.set(scored.ip, { scored, asOf: report.asOf });
  }
  // A listing whose evidence is spent (indicatorLifetimeDays, the STIX valid_until) leaves, as
  // it leaves every feed: the newest score still wins, an expired newest score lists nothing.
  for (const [ip, e] of latest)
    if (
      dayStart(e.asOf).getTime() + indicatorLifetimeDays(e.scored, halfLifeDays) * MS_PER_DAY <=
      now.getTime()
    )
      latest.delete(ip);
  const filter: TExportFilter = {
    min: opts.min ?? tenant?.triageBlock ?? 0.9,
    ...(opts.buckets && opts.buckets.length > 0 ? { buckets: opts.buckets } : {}),
  };
  return {
    tenantId: opts.tenantId,
    generatedAt: now.toISOString(),
    halfLifeDays,
    filter,
    // Allow-listed IPs never leave; block-listed ones always do (the lists in force now, not at report time).
    entries: selectListedEntries([...latest.values()], filter, await loadListMatcher(opts.tenantId, now)),
  };
}
