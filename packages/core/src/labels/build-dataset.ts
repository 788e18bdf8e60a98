import type { TAsnTable } from "../asn/asn-table.ts";
import { communityFeaturesFor } from "../community/community-features.ts";
import { computeCommunityView } from "../community/community-view.ts";
import type { TCommunityOptions, TContribution } from "../community/contribution.ts";
import { compileClusters } from "../rank/clusters.ts";
import { computeRanks } from "../rank/compute-ranks.ts";
import { dayNumber, dayString, asOfDayNumber } from "../rank/day-number.ts";
import { COMMUNITY_FEATURE_NAMES, featureNamesOf, featuresFor } from "../rank/features.ts";
import { resolveRankOptions, type TRankOptions } from "../rank/rank-options.ts";
import type { TRankSnapshot } from "../rank/snapshot.ts";
import type { TIpDayRollup } from "../rollup/ip-day-rollup.ts";
import type { TLabelledRow } from "../train/types.ts";
import { assembleLabels, type TCandidate, type TNoisePolicy, type TVerdict } from "./assemble-labels.ts";
import { createCidrSet } from "./cidr-set.ts";
import { sampleBackground } from "./sample-background.ts";
import { sampleBenign } from "./sample-benign.ts";

export type TDatasetRow = TLabelledRow & { ip: string; source: string; day: string };

export type TBuildDatasetOptions = {
  /** All rollups of the tenant (read once per label day, so an array); see `snapshots`. */
  rollups: readonly TIpDayRollup[];
  /**
   * Ranks as of each label day, built by the caller (the worker extends one snapshot a day at a
   * time from PostgreSQL instead of holding the whole history). When given, `rollups` need only
   * hold the label days themselves.
   */
  snapshots?: ReadonlyMap<string, TRankSnapshot>;
  /** The data set is as of this day: label days are before it. */
  asOf: string;
  /** The last N days before asOf (default 7), or explicit "YYYY-MM-DD" days (each < asOf). */
  labelDays?: number | string[];
  /** Malicious addresses from imported feeds (parseIpsum, parseIpList). */
  feeds?: Iterable<string>;
  /** Malicious CIDRs from imported feeds: addresses seen inside them are malicious. */
  feedCidrs?: string[];
  /** Provider CIDRs for the benign class; default: the shipped benign-*.txt lists. */
  benignCidrs?: string[];
  /** Tenant allowlist addresses or CIDRs: benign. */
  allowlist?: string[];
  verdicts?: TVerdict[];
  /** Research scanner CIDRs (noise); pass loadShippedScanners() for the shipped list. */
  scanners?: string[];
  noise?: TNoisePolicy;
  /** AS table: enables the background class (routed space by AS size) and AS rank features. */
  asn?: TAsnTable | null;
  /** Benign rows per label day, as a multiple of that day's malicious rows (default 1). */
  benignRatio?: number;
  seed?: number;
  rank?: Omit<TRankOptions, "asOf" | "asn">;
  /**
   * The community pool (already without this tenant's own rows, or with `exclude` naming them):
   * when given, community columns are appended, each label day's view as of that day.
   */
  community?: TCommunityDatasetInput;
};

export type TCommunityDatasetInput = {
  rows: readonly TContribution[];
  options?: Omit<TCommunityOptions, "asOf">;
};

/**
 * The labelled data set as of a date. For each label day L: malicious = addresses in a bad-behaviour
 * cluster on L, or in a feed and seen on L; benign = a seeded mix of background addresses (routed
 * space by AS size, when an AS table is given), the tenant's allowed-only traffic on L, provider
 * ranges and the allowlist; analyst verdicts override; research scanners stay out. Every row's
 * features come from computeRanks as of L, which reads only rollups strictly before L: nothing from
 * the label day or later leaks into a feature.
 */
export function buildDataset(opts: TBuildDatasetOptions): {
  rows: TDatasetRow[];
  featureNames: string[];
  dropped: { noise: number; conflicts: number };
} {
  const asOfDay = asOfDayNumber(opts.asOf);
  const spec = opts.labelDays ?? 7;
  const days = Array.isArray(spec)
    ? spec.map((d) => dayNumber(d)).filter((d) => d < asOfDay)
    : Array.from({ length: spec }, (_, i) => asOfDay - spec + i);
  const feedIps = new Set(opts.feeds ?? []);
  const feedNets = createCidrSet(opts.feedCidrs ?? []);
  const inFeed = (ip: string): boolean => feedIps.has(ip) || (feedNets.size > 0 && feedNets.has(ip));
  const scanners = opts.scanners ? createCidrSet(opts.scanners) : null;
  const allow = createCidrSet(opts.allowlist ?? []);
  const matcher = compileClusters(resolveRankOptions({ ...opts.rank, asOf: opts.asOf }).clusters);
  const ratio = opts.benignRatio ?? 1;
  const seed = opts.seed ?? 1;
  const rows: TDatasetRow[] = [];
  const dropped = { noise: 0, conflicts: 0 };
  let featureNames: string[] = [];

  days.forEach((day, dayIndex) => {
    const label = dayString(day);
    const onDay = opts.rollups.filter((r) => r.day === label);
    const malicious: TCandidate[] = [];
    const allowedOnly: TCandidate[] = [];
    for (const r of onDay) {
      if (matcher(r) !== 0) malicious.push({ ip: r.ip, source: "cluster" });
      else if (inFeed(r.ip)) malicious.push({ ip: r.ip, source: "feed" });
      else if (
        (r.actions.allow ?? 0) > 0 &&
        !r.actions.block &&
        !r.actions.alert &&
        !r.actions["auth-failure"]
      ) {
        allowedOnly.push({ ip: r.ip, source: "allowed-traffic" });
      }
    }
    const want = Math.ceil(malicious.length * ratio);
    const daySeed = seed * 1000003 + dayIndex;
    const benign: TCandidate[] = [
      ...onDay.filter((r) => allow.has(r.ip)).map((r) => ({ ip: r.ip, source: "allowlist" })),
      ...allowedOnly.slice(0, Math.ceil(want / 3)),
    ];
    const rest = Math.max(0, want - benign.length);
    const fromBackground = opts.asn ? Math.ceil(rest / 2) : 0;
    if (opts.asn) {
      const asn = opts.asn;
      for (const ip of sampleBackground({
        seed: daySeed,
        n: fromBackground,
        asn,
        exclude: inFeed,
      }))
        benign.push({ ip, source: "background" });
    }
    for (const ip of sampleBenign({ seed: daySeed, n: rest - fromBackground, cidrs: opts.benignCidrs }))
      benign.push({ ip, source: "provider" });

    // A set, not a scan of the day per verdict: thousands of verdicts times 100k rollups a day.
    const seenToday = new Set(onDay.map((r) => r.ip));
    const verdictsToday = (opts.verdicts ?? []).filter(
      (v) => seenToday.has(v.ip) || dayIndex === days.length - 1,
    );
    const assembled = assembleLabels({
      malicious,
      benign,
      verdicts: verdictsToday,
      isNoise: scanners ? (ip) => scanners.has(ip) : undefined,
      noise: opts.noise,
    });
    dropped.noise += assembled.dropped.noise;
    dropped.conflicts += assembled.dropped.conflicts;
    if (assembled.labels.length === 0) return;
    const snapshot =
      opts.snapshots?.get(label) ??
      computeRanks(opts.rollups, { ...opts.rank, asOf: label, asn: opts.asn ?? null });
    const community = opts.community
      ? computeCommunityView(opts.community.rows, {
          ...opts.community.options,
          asOf: label,
          asn: opts.asn ?? null,
        })
      : null;
    featureNames = community
      ? [...featureNamesOf(snapshot), ...COMMUNITY_FEATURE_NAMES]
      : featureNamesOf(snapshot);
    for (const l of assembled.labels) {
      const x = featuresFor(snapshot, l.ip);
      if (community) x.push(...communityFeaturesFor(community, l.ip));
      rows.push({ x, y: l.y, ip: l.ip, source: l.source, day: label });
    }
  });
  return { rows, featureNames, dropped };
}
