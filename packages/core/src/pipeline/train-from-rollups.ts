import type { TAsnTable } from "../asn/asn-table.ts";
import {
  buildDataset,
  type TBuildDatasetOptions,
  type TCommunityDatasetInput,
  type TDataset,
} from "../labels/build-dataset.ts";
import { loadShippedScanners } from "../labels/shipped-lists.ts";
import type { TClusterRule } from "../rank/clusters.ts";
import type { TDecay } from "../rank/decay.ts";
import type { TIpDayRollup } from "../rollup/ip-day-rollup.ts";
import { trainModel } from "../train/train-model.ts";
import type { TTrainedModel, TTrainOptions } from "../train/types.ts";

/** Fewer rows of either class than this and cross-validation says nothing: skip training. */
export const MIN_ROWS_PER_CLASS = 10;

export type TTrainFromRollups = {
  rollups: readonly TIpDayRollup[];
  /** Ranks as of each label day, when the caller built them (see buildDataset). */
  snapshots?: TBuildDatasetOptions["snapshots"];
  asOf: string;
  decay: TDecay;
  /** Behaviour rules; default: the built-in ones. The model's features follow them. */
  clusters?: TClusterRule[];
  asn: TAsnTable | null;
  feeds?: string[];
  feedCidrs?: string[];
  allowlist?: string[];
  verdicts?: TBuildDatasetOptions["verdicts"];
  labelDays?: number;
  seed?: number;
  /** Community pool rows (minus this tenant): adds the community columns. */
  community?: TCommunityDatasetInput;
  /** Cap on the labelled rows (see TDatasetBuilderOptions.maxRows); default none. */
  maxRows?: number;
  train?: TTrainOptions;
};

export type TTrainOutcome = {
  model: TTrainedModel | null;
  /** Why there is no model, in words for the report; null when one was trained. */
  note: string | null;
  rows: {
    malicious: number;
    benign: number;
    droppedNoise: number;
    droppedConflicts: number;
    /** Automatic rows per class before the cap sampled them. */
    labelled: { malicious: number; benign: number };
  };
};

/**
 * Labels and trains a tenant's model as of a date: the same steps for the CLI (in memory) and the
 * worker (rollups from PostgreSQL). Research scanners are kept out of both classes.
 */
export async function trainFromRollups(opts: TTrainFromRollups): Promise<TTrainOutcome> {
  const dataset = buildDataset({
    rollups: opts.rollups,
    ...(opts.snapshots ? { snapshots: opts.snapshots } : {}),
    asOf: opts.asOf,
    labelDays: opts.labelDays ?? 7,
    feeds: opts.feeds ?? [],
    feedCidrs: opts.feedCidrs ?? [],
    allowlist: opts.allowlist ?? [],
    verdicts: opts.verdicts ?? [],
    scanners: loadShippedScanners(),
    asn: opts.asn,
    seed: opts.seed ?? 1,
    rank: { decay: opts.decay, ...(opts.clusters ? { clusters: opts.clusters } : {}) },
    ...(opts.community ? { community: opts.community } : {}),
    ...(opts.maxRows !== undefined ? { maxRows: opts.maxRows } : {}),
  });
  return trainFromDataset(dataset, opts);
}

/** Trains on a data set already built (the worker builds it a day at a time: see DatasetBuilder). */
export async function trainFromDataset(
  dataset: TDataset,
  opts: { asOf: string; seed?: number; train?: TTrainOptions },
): Promise<TTrainOutcome> {
  const { rows, featureNames, dropped } = dataset;
  const malicious = rows.filter((r) => r.y === 1).length;
  const counts = {
    malicious,
    benign: rows.length - malicious,
    droppedNoise: dropped.noise,
    droppedConflicts: dropped.conflicts,
    labelled: dataset.labelled,
  };
  if (counts.malicious < MIN_ROWS_PER_CLASS || counts.benign < MIN_ROWS_PER_CLASS) {
    return {
      model: null,
      note: `not enough labelled addresses to train (${counts.malicious} malicious, ${counts.benign} benign; need ${MIN_ROWS_PER_CLASS} of each)`,
      rows: counts,
    };
  }
  const days = [...new Set(rows.map((r) => r.day))].sort();
  const model = await trainModel(rows, {
    folds: Math.min(10, counts.malicious, counts.benign),
    seed: opts.seed ?? 1,
    featureNames,
    dataWindow: { from: days[0] ?? opts.asOf, to: days.at(-1) ?? opts.asOf },
    ...opts.train,
  });
  return { model, note: null, rows: counts };
}
