import type { TAsnTable } from "../asn/asn-table.ts";
import { buildDataset, type TCommunityDatasetInput } from "../labels/build-dataset.ts";
import { loadShippedScanners } from "../labels/shipped-lists.ts";
import type { TClusterRule } from "../rank/clusters.ts";
import type { TDecay } from "../rank/decay.ts";
import type { TIpDayRollup } from "../rollup/ip-day-rollup.ts";
import { backtest, type TBacktest } from "../train/backtest.ts";
import { MIN_ROWS_PER_CLASS } from "./train-from-rollups.ts";
import { addDays } from "../day/day-number.ts";

export type TBacktestFromRollups = {
  rollups: readonly TIpDayRollup[];
  /** Day D: train on the label days before D, score D's new arrivals. */
  day: string;
  decay: TDecay;
  clusters?: TClusterRule[];
  asn: TAsnTable | null;
  feeds?: string[];
  feedCidrs?: string[];
  allowlist?: string[];
  labelDays?: number;
  seed?: number;
  /** Community pool rows (minus this tenant): adds the community columns. */
  community?: TCommunityDatasetInput;
};

const nextDay = (day: string): string => addDays(day, 1);

/**
 * The paper's fresh-logs test, as a time split: a model trained as of day D (labels from the days
 * before D, features from before each label day) scores the addresses first seen on D, with features
 * from before D. Cross-validated numbers flatter; these are what an analyst meets on new traffic.
 */
export async function backtestFromRollups(
  opts: TBacktestFromRollups,
): Promise<(TBacktest & { newArrivals: number }) | { note: string }> {
  const common = {
    rollups: opts.rollups,
    feeds: opts.feeds ?? [],
    feedCidrs: opts.feedCidrs ?? [],
    allowlist: opts.allowlist ?? [],
    scanners: loadShippedScanners(),
    asn: opts.asn,
    seed: opts.seed ?? 1,
    rank: { decay: opts.decay, ...(opts.clusters ? { clusters: opts.clusters } : {}) },
    ...(opts.community ? { community: opts.community } : {}),
  };
  const train = buildDataset({ ...common, asOf: opts.day, labelDays: opts.labelDays ?? 7 });
  const seenBefore = new Set(opts.rollups.filter((r) => r.day < opts.day).map((r) => r.ip));
  const onDay = buildDataset({ ...common, asOf: nextDay(opts.day), labelDays: [opts.day] });
  // Background and provider samples are never "seen"; keep them so the test has a benign class.
  const test = onDay.rows.filter((r) => !seenBefore.has(r.ip));
  const count = (rows: { y: 0 | 1 }[], y: 0 | 1) => rows.filter((r) => r.y === y).length;
  for (const [name, rows] of [
    ["training", train.rows],
    ["test", test],
  ] as const) {
    if (count([...rows], 1) < MIN_ROWS_PER_CLASS || count([...rows], 0) < MIN_ROWS_PER_CLASS)
      return {
        note: `too few ${name} rows of one class (${count([...rows], 1)} malicious, ${count([...rows], 0)} benign)`,
      };
  }
  const result = await backtest(train.rows, test, {
    featureNames: train.featureNames,
    folds: Math.min(10, count(train.rows, 1), count(train.rows, 0)),
    seed: opts.seed ?? 1,
  });
  return {
    ...result,
    newArrivals: test.filter((r) => r.source !== "background" && r.source !== "provider").length,
  };
}
