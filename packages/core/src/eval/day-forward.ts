import type { TAsnTable } from "../asn/asn-table.ts";
import type { TContribution } from "../community/contribution.ts";
import { isPoolDays, poolDaysFromRows, type TPoolDays } from "../community/pool-days.ts";
import { buildDataset, type TCommunityDatasetInput } from "../labels/build-dataset.ts";
import { loadShippedScanners } from "../labels/shipped-lists.ts";
import { trainFromDataset } from "../pipeline/train-from-rollups.ts";
import type { TClusterRule } from "../rank/clusters.ts";
import { dayNumber, dayString } from "../day/day-number.ts";
import type { TDecay } from "../rank/decay.ts";
import type { TIpDayRollup } from "../rollup/ip-day-rollup.ts";
import { DEFAULT_TRIAGE } from "../score/triage.ts";
import { baselineScore } from "../train/baseline-score.ts";
import { loadPredictor } from "../train/load-predictor.ts";
import type { TTrainOptions } from "../train/types.ts";
import { featureGroup } from "./feature-ceiling.ts";
import { poolHits, summariseSlice, type TScoredRow, type TSlice } from "./day-slice.ts";
import { FEED_CONTRIBUTOR, type TListedEntry } from "./listed-feed.ts";
import { LocalHistory } from "./local-history.ts";
import { ArrivalRates, daysBetween } from "./arrival-rates.ts";
import { blocklistHits, sumBlocklistHits, type TBlocklistHits } from "./blocklist-hits.ts";
import { testFeatures, type TTestRow } from "./test-features.ts";
import type { TTruth } from "./world-types.ts";

/** The worker's defaults (packages/pipeline train stage): 7 label days, seed 1, TRAIN_MAX_ROWS 10,000. */
export const WORKER_LABEL_DAYS = 7;
export const WORKER_MAX_ROWS = 10_000;
export const DEFAULT_LIST_SIZES: readonly number[] = [100, 1000, 10_000];
/** Feed entries in the blocklist universe, most-listed first: twice the largest list, enough for GWOL. */
const FEED_UNIVERSE = 20_000;

export type TDayForwardOptions = {
  rollups: readonly TIpDayRollup[];
  from: string;
  to: string;
  /** What a source really was on a day (ground truth, or the day's behaviour labels on real logs). */
  truth: (day: string, ip: string) => TTruth | undefined;
  /** Benign addresses for the test from sources training never used; `exclude` holds training's rows. */
  benignTest: (day: string, exclude: ReadonlySet<string>) => string[];
  /** The public feed (GWOL ranks by count, "feed" by membership); listed before D counts on D. */
  feed: readonly TListedEntry[];
  /** Feed pool rows for the model (community columns), as the worker imports feeds. */
  community?: readonly TContribution[] | TPoolDays;
  /**
   * How the pool is read (public sources, the tenant's own pseudonym left out, k, the contributor
   * cap): a tenant's backtest passes what its training uses; default the one public feed above.
   */
  communityOptions?: TCommunityDatasetInput["options"];
  /** Feed addresses and CIDRs as malicious labels (the CLI's --malicious), not used by the worker. */
  feedLabels?: { ips: string[]; cidrs: string[] };
  benignCidrs?: string[];
  allowlist?: string[];
  asn: TAsnTable | null;
  decay: TDecay;
  clusters?: TClusterRule[];
  labelDays?: number;
  maxRows?: number;
  seed?: number;
  listSizes?: readonly number[];
  triage?: { block: number; review: number };
  /** Overrides of the SVM search (default: the production grid and folds). */
  train?: TTrainOptions;
  onDay?: (day: TDayResult) => void;
};

export type TDayResult = {
  day: string;
  trainRows: { malicious: number; benign: number };
  /**
   * The as-of cut of the day's training: the first and last label day of its rows and the last day
   * of the rollups its features (and the test rows') were read from; each is before `day`.
   */
  trainCut: { firstLabelDay: string; lastLabelDay: string; lastRollupDay: string | null };
  model: { c: number; gamma: number; threshold: number; cvAuc: number };
  all: TSlice;
  neverSeen: TSlice;
  blocklist: TBlocklistHits;
  seconds: number;
};

export type TDayForwardResult = {
  from: string;
  to: string;
  featureNames: string[];
  listSizes: number[];
  days: TDayResult[];
  skipped: { day: string; note: string }[];
  pooled: { all: TSlice; neverSeen: TSlice; blocklist: TBlocklistHits } | null;
};

/**
 * The day-forward backtest: for every day D in [from, to], train as the worker does as of D (label
 * days before D, rollups before D only), then score D's sources (and separately those never seen
 * before D) plus benign addresses training never used, and rank them with the model, the
 * decayed-presence heuristic, the local worst offenders, the global worst offenders and the plain
 * feed, all on identical rows.
 */
export async function dayForwardBacktest(opts: TDayForwardOptions): Promise<TDayForwardResult> {
  const seed = opts.seed ?? 1;
  const listSizes = [...(opts.listSizes ?? DEFAULT_LIST_SIZES)];
  const triage = opts.triage ?? DEFAULT_TRIAGE;
  const feedCount = new Map(opts.feed.map((e) => [e.ip, e]));
  // The feed's entries by count, most-listed first: at most FEED_UNIVERSE of them join the universe.
  const feedByCount = [...opts.feed].sort((a, b) => b.count - a.count || (a.ip < b.ip ? -1 : 1));
  const feedBefore = (day: string): string[] =>
    feedByCount
      .filter((e) => e.since < day)
      .slice(0, FEED_UNIVERSE)
      .map((e) => e.ip);
  const byDay = new Map<string, TIpDayRollup[]>();
  for (const r of opts.rollups) {
    const list = byDay.get(r.day);
    if (list) list.push(r);
    else byDay.set(r.day, [r]);
  }
  const history = new LocalHistory();
  const arrivals = new ArrivalRates(opts.labelDays ?? WORKER_LABEL_DAYS);
  const listedBefore = (ip: string, day: string): boolean => {
    const e = feedCount.get(ip);
    return e !== undefined && e.since < day;
  };
  const arrivalKey = (ip: string, day: string): string =>
    ArrivalRates.key(daysBetween(history.lastDay(ip), day), listedBefore(ip, day));
  const universeOf = (day: string): string[] =>
    [...new Set([...history.ips(), ...feedBefore(day)])].filter((ip) => opts.truth(day, ip) !== "scanner");
  // What came on a day, counted by what a list made before it knew: after the day, before the next.
  const observe = (day: string, rows: readonly TIpDayRollup[]): void =>
    arrivals.observe(
      universeOf(day).map((ip) => ({ ip, key: arrivalKey(ip, day) })),
      new Set(rows.map((r) => r.ip)),
    );
  const earlier = [...byDay].filter(([day]) => day < opts.from).sort(([a], [b]) => (a < b ? -1 : 1));
  earlier.forEach(([day, rows], i) => {
    if (i >= earlier.length - (opts.labelDays ?? WORKER_LABEL_DAYS)) observe(day, rows);
    history.add(rows);
  });
  const common = {
    feeds: opts.feedLabels?.ips ?? [],
    feedCidrs: opts.feedLabels?.cidrs ?? [],
    allowlist: opts.allowlist ?? [],
    scanners: loadShippedScanners(),
    asn: opts.asn,
    seed,
    rank: { decay: opts.decay, ...(opts.clusters ? { clusters: opts.clusters } : {}) },
    ...(opts.benignCidrs ? { benignCidrs: opts.benignCidrs } : {}),
    ...(opts.community && opts.community.length > 0
      ? {
          community: {
            // Converted once: every day's training then shares the columns and their index.
            rows: isPoolDays(opts.community) ? opts.community : poolDaysFromRows(opts.community),
            options: opts.communityOptions ?? { publicSources: [{ id: FEED_CONTRIBUTOR, weight: 1 }] },
          },
        }
      : {}),
  };
  const out: TDayForwardResult = {
    from: opts.from,
    to: opts.to,
    featureNames: [],
    listSizes,
    days: [],
    skipped: [],
    pooled: null,
  };
  const pooledRows: TScoredRow[] = [];
  for (let n = dayNumber(opts.from); n <= dayNumber(opts.to); n++) {
    const day = dayString(n);
    const started = Date.now();
    const before = opts.rollups.filter((r) => r.day < day);
    const dataset = buildDataset({
      ...common,
      rollups: before,
      asOf: day,
      labelDays: opts.labelDays ?? WORKER_LABEL_DAYS,
      maxRows: opts.maxRows ?? WORKER_MAX_ROWS,
    });
    const outcome = await trainFromDataset(dataset, {
      asOf: day,
      seed,
      ...(opts.train ? { train: opts.train } : {}),
    });
    const onDay = byDay.get(day) ?? [];
    if (!outcome.model) {
      out.skipped.push({ day, note: outcome.note ?? "no model" });
      observe(day, onDay);
      history.add(onDay);
      continue;
    }
    const model = outcome.model;
    const active = onDay.flatMap((r) => {
      const t = opts.truth(day, r.ip);
      return t === "malicious" || t === "benign"
        ? [{ ip: r.ip, y: t === "malicious" ? (1 as const) : (0 as const) }]
        : [];
    });
    const used = new Set([...dataset.rows.map((r) => r.ip), ...onDay.map((r) => r.ip)]);
    const benign = opts.benignTest(day, used).filter((ip) => !history.seen(ip) && !used.has(ip));
    const test = testFeatures({
      ...common,
      rollups: before,
      day,
      rows: [...active, ...benign.map((ip) => ({ ip, y: 0 as const }))],
    });
    if (test.featureNames.join() !== model.featureNames.join())
      throw new Error(
        `test features (${test.featureNames.join()}) differ from the model's (${model.featureNames.join()})`,
      );
    out.featureNames = model.featureNames;
    const predictor = await loadPredictor(model);
    const score = (rows: readonly TTestRow[], grouped = false): TScoredRow[] =>
      rows.map((r) => {
        const listed = feedCount.get(r.ip);
        const inFeed = listed !== undefined && listed.since < day;
        return {
          ip: r.ip,
          y: r.y,
          neverSeen: !history.seen(r.ip),
          scores: {
            model: predictor.probability(r.x),
            heuristic: baselineScore(r.x, model.featureNames),
            lwol: history.attackEvents(r.ip),
            gwol: inFeed ? listed.count : 0,
            feed: inFeed ? 1 : 0,
          },
          ...(grouped ? { group: featureGroup(day, r.x) } : {}),
        };
      });
    const scored = score(test.rows, true);
    // The blocklist universe: what a list made before D could name (own history, feed entries);
    // research scanners active on D are neither class here either.
    const maliciousToday = new Set(active.filter((r) => r.y === 1).map((r) => r.ip));
    const universe = universeOf(day).map((ip) => ({
      ip,
      y: maliciousToday.has(ip) ? (1 as const) : (0 as const),
    }));
    const listRows = testFeatures({ ...common, rollups: before, day, rows: universe }).rows;
    // The model's list ranks by P(malicious | comes) x P(comes) (arrival-rates.ts).
    const blocklist = blocklistHits(
      score(listRows).map((r) => ({
        ...r,
        scores: { ...r.scores, model: r.scores.model * arrivals.rate(arrivalKey(r.ip, day)) },
      })),
      listSizes,
      seed,
    );
    predictor.close();
    const summarise = (rows: TScoredRow[]) =>
      summariseSlice(rows, { listSizes, threshold: model.threshold, triage, seed });
    const labelDaysUsed = dataset.rows.map((r) => r.day).sort();
    let lastRollupDay: string | null = null;
    for (const r of before) if (lastRollupDay === null || r.day > lastRollupDay) lastRollupDay = r.day;
    const result: TDayResult = {
      day,
      trainRows: { malicious: outcome.rows.malicious, benign: outcome.rows.benign },
      trainCut: {
        firstLabelDay: labelDaysUsed[0] ?? day,
        lastLabelDay: labelDaysUsed.at(-1) ?? day,
        lastRollupDay,
      },
      model: { c: model.c, gamma: model.gamma, threshold: model.threshold, cvAuc: model.metrics.auc },
      all: summarise(scored),
      neverSeen: summarise(scored.filter((r) => r.neverSeen)),
      blocklist,
      seconds: (Date.now() - started) / 1000,
    };
    out.days.push(result);
    opts.onDay?.(result);
    pooledRows.push(...scored);
    observe(day, onDay);
    history.add(onDay);
  }
  if (out.days.length > 0) {
    // Pooled AUC and calibration use every day's rows; the threshold is each day's model's, so the
    // pooled operating points are recomputed from the per-day confusion matrices instead.
    const pool = (pick: (d: TDayResult) => TSlice, rows: TScoredRow[]) =>
      poolHits(out.days.map(pick), summariseSlice(rows, { listSizes, threshold: 0.5, triage, seed }));
    out.pooled = {
      all: withSummedThreshold(
        pool((d) => d.all, pooledRows),
        out.days.map((d) => d.all),
      ),
      neverSeen: withSummedThreshold(
        pool(
          (d) => d.neverSeen,
          pooledRows.filter((r) => r.neverSeen),
        ),
        out.days.map((d) => d.neverSeen),
      ),
      blocklist: sumBlocklistHits(
        out.days.map((d) => d.blocklist),
        listSizes,
      ),
    };
  }
  return out;
}

function withSummedThreshold(pooled: TSlice, days: readonly TSlice[]): TSlice {
  const c = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (const d of days) {
    c.tp += d.model.atThreshold.tp;
    c.fp += d.model.atThreshold.fp;
    c.tn += d.model.atThreshold.tn;
    c.fn += d.model.atThreshold.fn;
  }
  const sensitivity = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 0;
  const specificity = c.tn + c.fp ? c.tn / (c.tn + c.fp) : 0;
  const atThreshold = {
    threshold: NaN,
    sensitivity,
    specificity,
    lrPlus: specificity < 1 ? sensitivity / (1 - specificity) : null,
    ...c,
  };
  return { ...pooled, model: { ...pooled.model, atThreshold } };
}
