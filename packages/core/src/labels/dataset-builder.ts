import type { TAsnTable } from "../asn/asn-table.ts";
import { communityFeaturesFor } from "../community/community-features.ts";
import { computeCommunityView } from "../community/community-view.ts";
import type { TCommunityOptions, TContribution } from "../community/contribution.ts";
import { compileClusters, type TClusterRule } from "../rank/clusters.ts";
import { COMMUNITY_FEATURE_NAMES, featureNamesOf, featuresFor } from "../rank/features.ts";
import type { TRankSnapshot } from "../rank/snapshot.ts";
import type { TIpDayRollup } from "../rollup/ip-day-rollup.ts";
import type { TLabelledRow } from "../train/types.ts";
import { assembleLabels, type TCandidate, type TNoisePolicy, type TVerdict } from "./assemble-labels.ts";
import { BottomK, sampleKey } from "./bottom-k.ts";
import { createCidrSet } from "./cidr-set.ts";
import { sampleBackground } from "./sample-background.ts";
import { sampleBenign } from "./sample-benign.ts";

export type TDatasetRow = TLabelledRow & { ip: string; source: string; day: string };

export type TCommunityDatasetInput = {
  rows: readonly TContribution[];
  options?: Omit<TCommunityOptions, "asOf">;
};

/** What labels a day, the same for every label day of one data set. */
export type TDatasetBuilderOptions = {
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
  /** The behaviour rules that make an address malicious (the resolved rank options' clusters). */
  clusters: TClusterRule[];
  /** The community pool (without this tenant's rows): community columns, each day's view as of it. */
  community?: TCommunityDatasetInput;
  /**
   * At most this many rows in the data set (default: no cap). Analyst verdicts are always kept; the
   * rest of the cap is shared by the two classes in proportion to their automatic rows, each a
   * seeded uniform sample (bottom-k of a hash of day and address), so memory stays at the cap while
   * days stream through, and the same input gives the same rows in any run.
   */
  maxRows?: number;
};

export type TDataset = {
  rows: TDatasetRow[];
  featureNames: string[];
  dropped: { noise: number; conflicts: number };
  /** Automatic (non-verdict) rows per class before the cap sampled them. */
  labelled: { malicious: number; benign: number };
};

type TPending = TDatasetRow & { order: number };

/**
 * Builds the labelled data set one label day at a time: each day's rollups and ranks can be dropped
 * once the day is added, so the caller need never hold more than one day (see buildDataset for what
 * the labels are). Only the rows the cap keeps get their feature vectors.
 */
export class DatasetBuilder {
  private readonly feedIps: Set<string>;
  private readonly feedNets: ReturnType<typeof createCidrSet>;
  private readonly scanners: ReturnType<typeof createCidrSet> | null;
  private readonly allow: ReturnType<typeof createCidrSet>;
  private readonly matcher: ReturnType<typeof compileClusters>;
  private readonly seed: number;
  private readonly verdictRows: TPending[] = [];
  private readonly byClass: [BottomK<TPending>, BottomK<TPending>];
  private readonly dropped = { noise: 0, conflicts: 0 };
  private featureNames: string[] = [];
  private order = 0;

  constructor(private readonly opts: TDatasetBuilderOptions) {
    this.feedIps = new Set(opts.feeds ?? []);
    this.feedNets = createCidrSet(opts.feedCidrs ?? []);
    this.scanners = opts.scanners ? createCidrSet(opts.scanners) : null;
    this.allow = createCidrSet(opts.allowlist ?? []);
    this.matcher = compileClusters(opts.clusters);
    this.seed = opts.seed ?? 1;
    const cap = opts.maxRows ?? Infinity;
    // Each class may end up with the whole cap (the other having no rows), so each keeps up to it.
    this.byClass = [new BottomK(cap), new BottomK(cap)];
  }

  private inFeed(ip: string): boolean {
    return this.feedIps.has(ip) || (this.feedNets.size > 0 && this.feedNets.has(ip));
  }

  /**
   * Labels one day. `snapshot` holds the ranks as of `label` (from days before it only, so nothing of
   * the day leaks into a feature); `last` marks the last label day, which takes the verdicts on
   * addresses no label day saw.
   */
  addDay(day: {
    label: string;
    dayIndex: number;
    last: boolean;
    rollups: readonly TIpDayRollup[];
    snapshot: () => TRankSnapshot;
  }): void {
    const { opts } = this;
    const { label, dayIndex, rollups: onDay } = day;
    const malicious: TCandidate[] = [];
    const allowedOnly: TCandidate[] = [];
    for (const r of onDay) {
      if (this.matcher(r) !== 0) malicious.push({ ip: r.ip, source: "cluster" });
      else if (this.inFeed(r.ip)) malicious.push({ ip: r.ip, source: "feed" });
      else if (
        (r.actions.allow ?? 0) > 0 &&
        !r.actions.block &&
        !r.actions.alert &&
        !r.actions["auth-failure"]
      ) {
        allowedOnly.push({ ip: r.ip, source: "allowed-traffic" });
      }
    }
    const want = Math.ceil(malicious.length * (opts.benignRatio ?? 1));
    const daySeed = this.seed * 1000003 + dayIndex;
    const benign: TCandidate[] = [
      ...onDay.filter((r) => this.allow.has(r.ip)).map((r) => ({ ip: r.ip, source: "allowlist" })),
      ...allowedOnly.slice(0, Math.ceil(want / 3)),
    ];
    const rest = Math.max(0, want - benign.length);
    const fromBackground = opts.asn ? Math.ceil(rest / 2) : 0;
    if (opts.asn) {
      for (const ip of sampleBackground({
        seed: daySeed,
        n: fromBackground,
        asn: opts.asn,
        exclude: (ip) => this.inFeed(ip),
      }))
        benign.push({ ip, source: "background" });
    }
    for (const ip of sampleBenign({ seed: daySeed, n: rest - fromBackground, cidrs: opts.benignCidrs }))
      benign.push({ ip, source: "provider" });

    // A set, not a scan of the day per verdict: thousands of verdicts times 100k rollups a day.
    const seenToday = new Set(onDay.map((r) => r.ip));
    const verdictsToday = (opts.verdicts ?? []).filter((v) => seenToday.has(v.ip) || day.last);
    const scanners = this.scanners;
    const assembled = assembleLabels({
      malicious,
      benign,
      verdicts: verdictsToday,
      isNoise: scanners ? (ip) => scanners.has(ip) : undefined,
      noise: opts.noise,
    });
    this.dropped.noise += assembled.dropped.noise;
    this.dropped.conflicts += assembled.dropped.conflicts;
    if (assembled.labels.length === 0) return;
    const snapshot = day.snapshot();
    const community = opts.community
      ? computeCommunityView(opts.community.rows, {
          ...opts.community.options,
          asOf: label,
          asn: opts.asn ?? null,
        })
      : null;
    this.featureNames = community
      ? [...featureNamesOf(snapshot), ...COMMUNITY_FEATURE_NAMES]
      : featureNamesOf(snapshot);
    for (const l of assembled.labels) {
      const order = this.order++;
      const make = (): TPending => {
        const x = featuresFor(snapshot, l.ip);
        if (community) x.push(...communityFeaturesFor(community, l.ip));
        return { x, y: l.y, ip: l.ip, source: l.source, day: label, order };
      };
      if (l.source === "analyst") this.verdictRows.push(make());
      else this.byClass[l.y].offer(sampleKey(this.seed, `${label} ${l.ip}`), make);
    }
  }

  /** The data set: every verdict row, then the cap's share of each class, in the order labelled. */
  finish(): TDataset {
    const [benign, malicious] = this.byClass;
    const labelled = { malicious: malicious.offered, benign: benign.offered };
    const budget = Math.max(0, (this.opts.maxRows ?? Infinity) - this.verdictRows.length);
    const total = labelled.malicious + labelled.benign;
    const keepMalicious =
      total <= budget ? labelled.malicious : Math.round((budget * labelled.malicious) / total);
    const keepBenign = total <= budget ? labelled.benign : budget - keepMalicious;
    const kept = [
      ...this.verdictRows,
      ...malicious
        .sorted()
        .slice(0, keepMalicious)
        .map((e) => e.item),
      ...benign
        .sorted()
        .slice(0, keepBenign)
        .map((e) => e.item),
    ].sort((a, b) => a.order - b.order);
    const rows = kept.map(({ order: _order, ...row }) => row);
    return { rows, featureNames: this.featureNames, dropped: { ...this.dropped }, labelled };
  }
}
