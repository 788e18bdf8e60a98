import { indicatorLifetimeDays } from "@mlsec/core/export";
import { canonicalIp } from "@mlsec/core/ip-lists";
import { addDays, dayNumber, dayStart, MS_PER_DAY, utcDay } from "@mlsec/core/day";
import { DEFAULT_HALF_LIFE_DAYS } from "@mlsec/core/rank";
import { ZReport, type TScoredIp } from "@mlsec/core/report";
import { createListMatcher, type TListEntry } from "@mlsec/core/score";
import {
  addressSightings,
  getTenant,
  listApiKeys,
  listDoneReports,
  listListEntries,
  listMembers,
  listVerdicts,
} from "@mlsec/db";
import { getJson } from "@mlsec/storage";
import { BLOCKLIST_MAX_REPORTS, BLOCKLIST_WINDOW_DAYS, buildBlocklist } from "./build-blocklist.ts";
import { loadIpHistory } from "./ip-history.ts";
import { LABEL_DAYS } from "./label-day-history.ts";

/** Why a listed-looking address is not on the blocklist now; more than one can hold. */
export type TNotListedReason =
  | { code: "not-reported"; text: string }
  | { code: "expired"; text: string; validUntil: string }
  | { code: "allow-listed"; text: string; entryId: string; expiresAt: string | null }
  | { code: "below-threshold"; text: string; score: number; threshold: number };

export type TIpProvenance = {
  ip: string;
  seen: { firstSeen: string; lastSeen: string; daysActive: number; events: number };
  /** Behaviour clusters the address matched and the days they fired (newest first). */
  clusters: { cluster: string; days: string[] }[];
  /** Its days: a day that matched a cluster is labelled malicious when training covers it. */
  days: { day: string; events: number; clusters: string[]; inTrainingWindow: boolean }[];
  neighbourhood: { network: string | null; sourcesSeen: number };
  /** The newest report (of a done upload) that scored it, and the model that did: null if none did. */
  listing: {
    reportId: string;
    uploadId: string;
    asOf: string;
    generatedAt: string;
    model: { id: string; version: number; status: string } | null;
    score: number;
    verdict: string;
    bucket: string;
    driver: "own" | "community" | "both" | "none" | null;
    reasons: string[];
    /** The report's features, split by what they rest on: the address itself, its /24, /16 and AS, or the pool. */
    contributions: {
      own: Record<string, number>;
      neighbourhood: Record<string, number>;
      community: Record<string, number>;
    };
    validUntil: string;
  } | null;
  blocklist: { listed: boolean; threshold: number; notListed: TNotListedReason[] };
  /** Allow/block entries whose value covers the address, expired ones included (`active` false). */
  listEntries: {
    id: string;
    kind: "allow" | "block";
    value: string;
    reason: string;
    expiresAt: string | null;
    active: boolean;
    /** The entry that decides the address now (the most specific active match). */
    decides: boolean;
    verdictId: string | null;
    createdAt: string;
  }[];
  verdicts: {
    id: string;
    verdict: string;
    note: string;
    day: string | null;
    cluster: string | null;
    reportId: string | null;
    modelId: string | null;
    createdAt: string;
    by: { userId: string | null; apiKeyId: string | null; name: string | null };
  }[];
};

/**
 * "Why is this address listed?": for one address of the tenant, when it was seen, the behaviour
 * clusters that fired and on which days, the report and model that scored it with what its own
 * sightings, its neighbourhood and the community contributed, whether the blocklist (and so every
 * feed, which applies the same lists) carries it now and why not, the list entries that match it and
 * every analyst verdict, newest first. Null when the tenant never saw the address (the route's 404).
 */
export async function loadIpProvenance(opts: {
  tenantId: string;
  ip: string;
  now?: Date;
}): Promise<TIpProvenance | null> {
  const ip = canonicalIp(opts.ip);
  if (!ip) return null;
  const now = opts.now ?? new Date();
  const sightings = await addressSightings({ tenantId: opts.tenantId, ip });
  if (!sightings) return null;
  const [tenant, history, blocklist, entries, verdicts, names] = await Promise.all([
    getTenant(opts.tenantId),
    loadIpHistory({ tenantId: opts.tenantId, ip }),
    buildBlocklist({ tenantId: opts.tenantId, now }),
    listListEntries(opts.tenantId),
    listVerdicts({ tenantId: opts.tenantId, ip }),
    actorNames(opts.tenantId),
  ]);
  const halfLifeDays = tenant?.halfLifeDays ?? DEFAULT_HALF_LIFE_DAYS;
  const threshold = tenant?.triageBlock ?? 0.9;
  const found = await newestListing(opts.tenantId, ip);
  const listing = found ? describeListing(found, halfLifeDays) : null;
  const matched = matchingEntries(entries, ip, found?.scored.asn ?? null, now);
  const listed = blocklist.entries.some((e) => e.scored.ip === ip);

  const trainingFrom = listing ? dayNumber(listing.asOf) - LABEL_DAYS : null;
  const days = history.activeDays.map((d) => ({
    ...d,
    inTrainingWindow:
      trainingFrom !== null && listing !== null && dayNumber(d.day) >= trainingFrom && d.day < listing.asOf,
  }));
  const clusters = history.own
    .map((s) => s.cluster)
    .map((cluster) => ({ cluster, days: days.filter((d) => d.clusters.includes(cluster)).map((d) => d.day) }))
    .filter((c) => c.days.length > 0);

  return {
    ip,
    seen: {
      firstSeen: sightings.firstSeen.toISOString(),
      lastSeen: sightings.lastSeen.toISOString(),
      daysActive: history.activeDays.length,
      events: sightings.events,
    },
    clusters,
    days,
    neighbourhood: { network: history.network, sourcesSeen: history.neighbours.length },
    listing,
    blocklist: {
      listed,
      threshold,
      notListed: listed ? [] : notListedReasons({ found, listing, matched, threshold, now }),
    },
    listEntries: matched,
    verdicts: verdicts.map((v) => ({
      id: v.id,
      verdict: v.verdict,
      note: v.note,
      day: v.day,
      cluster: v.cluster,
      reportId: v.reportId,
      modelId: v.modelId,
      createdAt: v.createdAt.toISOString(),
      by: { userId: v.userId, apiKeyId: v.apiKeyId, name: names.get(v.userId ?? v.apiKeyId ?? "") ?? null },
    })),
  };
}

type TFound = {
  report: Awaited<ReturnType<typeof listDoneReports>>[number];
  asOf: string;
  generatedAt: string;
  scored: TScoredIp;
};

/** The newest done report scoring the address, among as many as the blocklist reads. */
async function newestListing(tenantId: string, ip: string): Promise<TFound | null> {
  for (const report of await listDoneReports({ tenantId, take: BLOCKLIST_MAX_REPORTS })) {
    const json = ZReport.parse(await getJson(report.s3Key));
    const scored = json.ips.find((s) => s.ip === ip);
    if (scored) return { report, asOf: json.asOf, generatedAt: json.generatedAt, scored };
  }
  return null;
}

function describeListing(found: TFound, halfLifeDays: number): NonNullable<TIpProvenance["listing"]> {
  const { scored } = found;
  const contributions: NonNullable<TIpProvenance["listing"]>["contributions"] = {
    own: {},
    neighbourhood: {},
    community: {},
  };
  for (const [name, value] of Object.entries(scored.features))
    contributions[featureGroup(name)][name] = value;
  const validUntil = new Date(
    dayStart(found.asOf).getTime() + indicatorLifetimeDays(scored, halfLifeDays) * MS_PER_DAY,
  );
  return {
    reportId: found.report.id,
    uploadId: found.report.uploadId,
    asOf: found.asOf,
    generatedAt: found.generatedAt,
    model: found.report.model,
    score: scored.score,
    verdict: scored.verdict,
    bucket: scored.bucket,
    driver: scored.driver ?? null,
    reasons: scored.reasons,
    contributions,
    validUntil: validUntil.toISOString(),
  };
}

/** Feature columns by what they rest on (docs/features.md): `*community*`, `net<n>`/`as`, the rest its own. */
function featureGroup(name: string): "own" | "neighbourhood" | "community" {
  if (name.includes("community")) return "community";
  if (/^(net\d+|as)[:-]/.test(name)) return "neighbourhood";
  return "own";
}

function matchingEntries(
  entries: Awaited<ReturnType<typeof listListEntries>>,
  ip: string,
  asn: number | null,
  now: Date,
): TIpProvenance["listEntries"] {
  const active = (e: { expiresAt: Date | null }) => e.expiresAt === null || e.expiresAt > now;
  const asListEntry = new Map<TListEntry, string>();
  for (const e of entries.filter(active))
    asListEntry.set({ kind: e.kind, value: e.value, reason: e.reason }, e.id);
  const decider = createListMatcher(asListEntry.keys()).match(ip, asn);
  const decidingId = decider ? asListEntry.get(decider) : undefined;
  return entries
    .filter(
      (e) => createListMatcher([{ kind: e.kind, value: e.value, reason: e.reason }]).match(ip, asn) !== null,
    )
    .map((e) => ({
      id: e.id,
      kind: e.kind,
      value: e.value,
      reason: e.reason,
      expiresAt: e.expiresAt?.toISOString() ?? null,
      active: active(e),
      decides: e.id === decidingId,
      verdictId: e.verdictId,
      createdAt: e.createdAt.toISOString(),
    }));
}

/** Why buildBlocklist leaves the address out, in the order it applies its rules. */
function notListedReasons(opts: {
  found: TFound | null;
  listing: TIpProvenance["listing"];
  matched: TIpProvenance["listEntries"];
  threshold: number;
  now: Date;
}): TNotListedReason[] {
  const { found, listing, now } = opts;
  if (!found || !listing)
    return [{ code: "not-reported", text: "no report of a finished upload scored this address" }];
  const reasons: TNotListedReason[] = [];
  const windowStart = dayStart(addDays(utcDay(now), -BLOCKLIST_WINDOW_DAYS)).getTime();
  if (found.report.createdAt.getTime() < windowStart)
    reasons.push({
      code: "expired",
      text: `its newest report is older than the blocklist's ${BLOCKLIST_WINDOW_DAYS} days`,
      validUntil: listing.validUntil,
    });
  else if (Date.parse(listing.validUntil) <= now.getTime())
    reasons.push({
      code: "expired",
      text: `its evidence was spent on ${listing.validUntil.slice(0, 10)} (its rank decayed)`,
      validUntil: listing.validUntil,
    });
  const decider = opts.matched.find((e) => e.decides);
  if (decider?.kind === "allow")
    reasons.push({
      code: "allow-listed",
      text: `on the allow list${decider.reason ? `: ${decider.reason}` : ""}${decider.expiresAt ? ` until ${decider.expiresAt}` : ""}`,
      entryId: decider.id,
      expiresAt: decider.expiresAt,
    });
  if (decider?.kind !== "block" && listing.score < opts.threshold)
    reasons.push({
      code: "below-threshold",
      text: `score ${listing.score.toFixed(3)} is below the block threshold ${opts.threshold}`,
      score: listing.score,
      threshold: opts.threshold,
    });
  return reasons;
}

/** Who gave a verdict: members by email, API keys by name; ids of neither stay unnamed. */
async function actorNames(tenantId: string): Promise<Map<string, string>> {
  const [members, keys] = await Promise.all([listMembers(tenantId), listApiKeys(tenantId)]);
  return new Map<string, string>([
    ...members.map((m) => [m.userId, m.email] as const),
    ...keys.map((k) => [k.id, `API key "${k.name}"`] as const),
  ]);
}
