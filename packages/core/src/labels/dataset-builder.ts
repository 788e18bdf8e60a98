import type { TAsnTable } from "../asn/asn-table.ts";
import { communityFeaturesFor } from "../community/community-features.ts";
import { computeCommunityView } from "../community/community-view.ts";
import type { TCommunityOptions, TContribution } from "../community/contribution.ts";
import { isPoolDays, poolDaysFromRows, type TPoolDays } from "../community/pool-days.ts";
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
  /** The pool: rows, or per-day aggregates as the database reads them (converted once here). */
  rows: readonly TContribution[] | TPoolDays;
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
  /** Verdicts on a whole address, by address (the last one given for an address wins). */
  private readonly wholeVerdicts = new Map<string, TVerdict>();
  /** Verdicts on one day of an address, by label day, then address. */
  private readonly dayVerdicts = new Map<string, Map<string, TVerdict>>();
  private readonly verdictRows: TPending[] = [];
  private readonly byClass: [BottomK<TPending>, BottomK<TPending>];
  private readonly dropped = { noise: 0, conflicts: 0 };
  private featureNames: string[] = [];
  private order = 0;
  /** The pool once as per-day aggregates: every label day's view walks the same columns. */
  private readonly pool: TPoolDays | null;

  constructor(private readonly opts: TDatasetBuilderOptions) {
    const rows = opts.community?.rows;
    this.pool = rows ? (isPoolDays(rows) ? rows : poolDaysFromRows(rows)) : null;
    this.feedIps = new Set(opts.feeds ?? []);
    this.feedNets = createCidrSet(opts.feedCidrs ?? []);
    this.scanners = opts.scanners ? createCidrSet(opts.scanners) : null;
    this.allow = createCidrSet(opts.allowlist ?? []);
    this.matcher = compileClusters(opts.clusters);
    this.seed = opts.seed ?? 1;
    for (const v of opts.verdicts ?? []) {
      if (v.day === undefined) this.wholeVerdicts.set(v.ip, v);
      else {
        const onDay = this.dayVerdicts.get(v.day) ?? new Map<string, TVerdict>();
        const prev = onDay.get(v.ip);
        if (!prev || !givenAfter(prev, v)) onDay.set(v.ip, v);
        this.dayVerdicts.set(v.day, onDay);
      }
    }
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

    const scanners = this.scanners;
    const assembled = assembleLabels({
      malicious,
      benign,
      verdicts: this.verdictsOn(label, onDay, day.last),
      isNoise: scanners ? (ip) => scanners.has(ip) : undefined,
      noise: opts.noise,
    });
    this.dropped.noise += assembled.dropped.noise;
    this.dropped.conflicts += assembled.dropped.conflicts;
    if (assembled.labels.length === 0) return;
    const snapshot = day.snapshot();
    const community = this.pool
      ? computeCommunityView(this.pool, {
          ...opts.community?.options,
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

  /**
   * The verdicts that label this day's rows: a whole-address verdict on each day the address was
   * seen (and on the last label day, so an address no label day saw still becomes a row), and an
   * address-day verdict on its own day only, seen or not. Where both meet, the later given wins,
   * else the address-day one (the more specific). Address-day verdicts on a day that is no label
   * day of this data set label nothing.
   */
  private verdictsOn(label: string, onDay: readonly TIpDayRollup[], last: boolean): TVerdict[] {
    const out = new Map<string, TVerdict>();
    if (this.wholeVerdicts.size > 0) {
      // A set, not a scan of the day per verdict: thousands of verdicts times 100k rollups a day.
      const seenToday = new Set(onDay.map((r) => r.ip));
      for (const [ip, v] of this.wholeVerdicts) if (last || seenToday.has(ip)) out.set(ip, v);
    }
    for (const [ip, v] of this.dayVerdicts.get(label) ?? []) {
      const whole = this.wholeVerdicts.get(ip);
      out.set(ip, whole && givenAfter(whole, v) ? whole : v);
    }
    return [...out.values()];
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

/** Whether `a` was given after `b`; a verdict without a time is never later. */
function givenAfter(a: TVerdict, b: TVerdict): boolean {
  return a.at !== undefined && b.at !== undefined && Date.parse(a.at) > Date.parse(b.at);
}
