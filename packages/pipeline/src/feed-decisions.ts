import type { TFeedDecision } from "@mlsec/core/feeds";
import { createListMatcher, type TListMatcher } from "@mlsec/core/score";
import {
  activeListEntries,
  decisionsFingerprint,
  getTenant,
  nthHighestScore,
  streamDecisions,
  type TDecisionQuery,
  type TDecisionRow,
} from "@mlsec/db";
import { BLOCKLIST_WINDOW_DAYS } from "./build-blocklist.ts";
import { addDays, dayStart, utcDay } from "@mlsec/core/day";

/** What a feed selects: the Feed row's filter columns. */
export type TFeedFilter = {
  /** null: the tenant's block threshold, as the blocklist. */
  minScore: number | null;
  /** Empty: every bucket. */
  buckets: readonly string[];
  /** false: leave out addresses only the community pool vouches for. */
  includeCommunity: boolean;
  family: 4 | 6 | null;
  maxEntries: number;
};

/** A feed with no filter: exactly what `GET /api/v1/blocklist` serves. */
export const BLOCKLIST_FILTER: TFeedFilter = {
  minScore: null,
  buckets: [],
  includeCommunity: true,
  family: null,
  maxEntries: Number.MAX_SAFE_INTEGER,
};

/** What one pull needs: the rows' query, the lists in force, the effective minimum. */
export type TFeedSelection = {
  query: TDecisionQuery;
  matcher: TListMatcher;
  min: number;
  /** Set when the cap binds: the lowest score a capped feed still serves. */
  capScore: number | null;
  filter: TFeedFilter;
  /** The lists' entries in force, for the fingerprint. */
  listKey: string;
};

/**
 * Resolves a filter for one pull at `now`: the tenant's threshold, its lists in force, the blocklist
 * window, and the cap's score. Block-listed addresses leave whatever their score, so with any
 * block entry the rows are read without the score floor and the floor is applied here.
 */
export async function selectFeed(opts: {
  tenantId: string;
  filter: TFeedFilter;
  now: Date;
}): Promise<TFeedSelection> {
  const { tenantId, filter, now } = opts;
  const tenant = await getTenant(tenantId);
  const min = filter.minScore ?? tenant?.triageBlock ?? 0.9;
  const entries = await activeListEntries({ tenantId, now });
  const hasBlock = entries.some((e) => e.kind === "block");
  const since = dayStart(addDays(utcDay(now), -BLOCKLIST_WINDOW_DAYS));
  const query: TDecisionQuery = {
    tenantId,
    minScore: hasBlock ? null : min,
    family: filter.family,
    reportedSince: since,
    now,
  };
  const capScore =
    filter.maxEntries < Number.MAX_SAFE_INTEGER
      ? await nthHighestScore({ ...query, minScore: min }, filter.maxEntries)
      : null;
  return {
    query,
    matcher: createListMatcher(entries.map((e) => ({ kind: e.kind, value: e.value, reason: e.reason }))),
    min,
    capScore,
    filter,
    listKey: entries.map((e) => `${e.id}:${e.expiresAt?.toISOString() ?? ""}`).join(","),
  };
}

/**
 * Whether a row is served, the export rule (selectListedEntries) row by row: allow-listed never,
 * block-listed always (when the feed takes the block bucket), the rest by score, bucket and source.
 */
export function served(row: TDecisionRow, s: TFeedSelection): boolean {
  const listed = s.matcher.size > 0 ? s.matcher.match(row.ip, row.asn) : null;
  if (listed)
    return listed.kind === "block" && (s.filter.buckets.length === 0 || s.filter.buckets.includes("block"));
  if (row.score < s.min || (s.capScore !== null && row.score < s.capScore)) return false;
  if (s.filter.buckets.length > 0 && !s.filter.buckets.includes(row.bucket)) return false;
  return s.filter.includeCommunity || row.driver !== "community";
}

export function toFeedDecision(row: TDecisionRow, listedBlock: boolean): TFeedDecision {
  return {
    value: row.ip,
    scope: "Ip",
    family: row.family,
    score: row.score,
    bucket: listedBlock ? "block" : row.bucket === "review" || row.bucket === "allow" ? row.bucket : "block",
    cluster: row.cluster,
    asOf: row.asOf,
    validUntil: row.validUntil.toISOString(),
    asn: row.asn,
    reportId: row.reportId,
  };
}

/**
 * The feed's decisions in address order, page by page from the database (constant memory for any
 * size), at most `maxEntries` of them.
 */
export async function* feedDecisions(s: TFeedSelection): AsyncGenerator<TFeedDecision> {
  let left = s.filter.maxEntries;
  for await (const rows of streamDecisions(s.query)) {
    for (const row of rows) {
      if (!served(row, s)) continue;
      const listed = s.matcher.size > 0 ? s.matcher.match(row.ip, row.asn) : null;
      yield toFeedDecision(row, listed?.kind === "block");
      if (--left <= 0) return;
    }
  }
}

/** Changes whenever a pull of this selection could answer differently: backs ETag / If-None-Match. */
export async function feedFingerprint(s: TFeedSelection, settings: string): Promise<string> {
  return `${await decisionsFingerprint(s.query)}|${s.min}|${s.capScore ?? ""}|${s.listKey}|${settings}`;
}
