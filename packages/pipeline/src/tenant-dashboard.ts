import { dayStart, utcDay } from "@mlsec/core/day";
import {
  dashboardDays,
  dashboardDistinct,
  listedByBucket,
  listFeeds,
  listModels,
  pendingReviewCount,
  topListedAddresses,
  topListedGroups,
  type TBucketCount,
  type TDashboardDay,
  type TDashboardWindow,
  type TTopAddress,
  type TTopGroup,
} from "@mlsec/db";
import { BLOCKLIST_WINDOW_DAYS } from "./build-blocklist.ts";
import { daysBefore } from "./tenant-rollups.ts";

/** How far back the home page looks, in days ending today. */
export const DASHBOARD_DAYS = 30;
const TOP = 10;

export type TDashboardModel = {
  version: number;
  status: string;
  createdAt: string;
  /** Cross-validated on address folds (the trainer's metrics), not a day-forward backtest. */
  auc: number | null;
  sensitivity: number | null;
  specificity: number | null;
};

export type TDashboardFeed = {
  id: string;
  name: string;
  format: string;
  revoked: boolean;
  pulls: number;
  lastPullAt: string | null;
  lastPullEntries: number | null;
};

export type TDashboard = {
  from: string;
  to: string;
  days: TDashboardDay[];
  totals: { events: number; sources: number; newSources: number; flagged: number; newFlagged: number };
  listed: TBucketCount[];
  pendingReview: number;
  topAddresses: TTopAddress[];
  topNetworks: TTopGroup<string>[];
  topAses: { asn: number; listed: number; maxScore: number; events: number[] }[];
  /** Registration countries (ISO alpha-2) with the most block-listed addresses. */
  topCountries: { country: string; listed: number; maxScore: number; events: number[] }[];
  models: TDashboardModel[];
  feeds: TDashboardFeed[];
};

/**
 * The dashboard's days (the last DASHBOARD_DAYS, today included) and what "listed" means at `now`:
 * the blocklist's window, so the home page counts exactly what the feeds serve before lists apply.
 */
export function listingWindow(tenantId: string, now: Date): TDashboardWindow {
  const to = utcDay(now);
  return {
    tenantId,
    from: daysBefore(to, DASHBOARD_DAYS - 1),
    to,
    reportedSince: dayStart(daysBefore(to, BLOCKLIST_WINDOW_DAYS)),
    now,
  };
}

const metric = (m: unknown, key: string): number | null => {
  if (typeof m !== "object" || m === null) return null;
  const v = (m as Record<string, unknown>)[key];
  return typeof v === "number" && Number.isFinite(v) ? v : null;
};

/**
 * What changed across all of a tenant's sensors: activity per day over every upload, what it lists
 * now and where, its analyst queue, its models and its feeds. Read-only; one use case so the portal
 * page and GET /api/v1/dashboard show the same numbers.
 */
export async function tenantDashboard(tenantId: string, now = new Date()): Promise<TDashboard> {
  const w = listingWindow(tenantId, now);
  const { from, to } = w;
  const [
    days,
    distinct,
    listed,
    pendingReview,
    topAddresses,
    topNetworks,
    asGroups,
    countryGroups,
    models,
    feeds,
  ] = await Promise.all([
    dashboardDays(w),
    dashboardDistinct(w),
    listedByBucket(w),
    pendingReviewCount(w),
    topListedAddresses(w, TOP),
    topListedGroups(w, "net", TOP),
    topListedGroups(w, "asn", TOP),
    topListedGroups(w, "country", TOP),
    listModels(tenantId),
    listFeeds(tenantId),
  ]);
  // Sources and flagged are distinct over the window (an address active on five days is one source);
  // the new ones can be summed over days, since an address is new on one day only.
  const totals = {
    events: 0,
    sources: distinct.sources,
    newSources: 0,
    flagged: distinct.flagged,
    newFlagged: 0,
  };
  for (const d of days) {
    totals.events += d.events;
    totals.newSources += d.newSources;
    totals.newFlagged += d.newFlagged;
  }
  return {
    from,
    to,
    days,
    totals,
    listed,
    pendingReview,
    topAddresses,
    topNetworks,
    topAses: asGroups.map((g) => ({
      asn: Number(g.key),
      listed: g.listed,
      maxScore: g.maxScore,
      events: g.events,
    })),
    topCountries: countryGroups.map((g) => ({
      country: g.key,
      listed: g.listed,
      maxScore: g.maxScore,
      events: g.events,
    })),
    models: models.map((m) => ({
      version: m.version,
      status: m.status,
      createdAt: m.createdAt.toISOString(),
      auc: metric(m.metrics, "auc"),
      sensitivity: metric(m.metrics, "sensitivity"),
      specificity: metric(m.metrics, "specificity"),
    })),
    feeds: feeds.map((f) => ({
      id: f.id,
      name: f.name,
      format: f.format,
      revoked: f.revokedAt !== null,
      pulls: f.pulls,
      lastPullAt: f.lastPullAt?.toISOString() ?? null,
      lastPullEntries: f.lastPullEntries,
    })),
  };
}
