import { computeMetrics } from "./metrics.ts";
import { fitPlatt, plattProbability } from "./platt-scaling.ts";
import { foldPlan } from "./stratified-folds.ts";
import { createSvmPool, type TFitResult, type TSvmPool } from "./svm-pool.ts";
import type { TLabelledRow, TMetrics, TTrainOptions } from "./types.ts";

export const DEFAULT_FOLDS = 10;
export const DEFAULT_C = 1;

export type TCvResult = {
  /** Share of rows whose out-of-fold decision value has the right sign (what `svm-train -v` prints). */
  accuracy: number;
  /** Out-of-fold metrics on Platt probabilities at threshold 0.5. */
  metrics: TMetrics;
  folds: number;
  c: number;
  gamma: number;
  /** Out-of-fold decision values, oriented so > 0 leans malicious, in row order. */
  decisions: Float64Array;
  platt: { a: number; b: number };
};

/** Rows as the flat arrays the workers share. */
export function packRows(rows: readonly TLabelledRow[]): { X: Float64Array; y: Int8Array; d: number } {
  const d = rows.reduce((m, r) => Math.max(m, r.x.length), 0);
  const X = new Float64Array(rows.length * d);
  const y = new Int8Array(rows.length);
  rows.forEach((r, i) => {
    r.x.forEach((v, j) => {
      X[i * d + j] = v;
    });
    y[i] = r.y;
  });
  return { X, y, d };
}

/** libsvm class weights that give both classes the same total weight (class balancing). */
export function balancedWeights(y: Int8Array): Record<string, number> {
  let pos = 0;
  for (const v of y) pos += v;
  const neg = y.length - pos;
  if (pos === 0 || neg === 0)
    throw new Error(`need both classes to train, got ${pos} malicious and ${neg} benign`);
  return { "1": y.length / (2 * pos), "0": y.length / (2 * neg) };
}

export type TFoldPlan = { fold: Int32Array; k: number };

/** Queues one fit per fold for (c, gamma) and gathers the out-of-fold decision values. */
export function queueFolds(
  pool: TSvmPool,
  y: Int8Array,
  plan: TFoldPlan,
  c: number,
  gamma: number,
  opts: TTrainOptions,
): Promise<TCvResult> {
  const { fold, k } = plan;
  const weights = balancedWeights(y);
  const fits: Promise<[Int32Array, TFitResult]>[] = [];
  for (let f = 0; f < k; f++) {
    const train: number[] = [];
    const test: number[] = [];
    // A row in no fold (-1: left out of a grid search's subsample) is neither trained nor tested.
    fold.forEach((g, i) => {
      if (g >= 0) (g === f ? test : train).push(i);
    });
    if (test.length === 0) continue;
    const testIdx = Int32Array.from(test);
    fits.push(
      pool
        .fit({
          train: Int32Array.from(train),
          test: testIdx,
          c,
          gamma,
          weights,
          cacheMb: opts.cacheMb ?? 100,
          shrinking: opts.shrinking ?? false,
          wantModel: false,
        })
        .then((r) => [testIdx, r]),
    );
  }
  return Promise.all(fits).then((results) => {
    const decisions = new Float64Array(y.length);
    for (const [testIdx, r] of results) testIdx.forEach((row, i) => (decisions[row] = r.decisions[i] ?? 0));
    // Scored on the rows in folds only.
    const kept: number[] = [];
    fold.forEach((g, i) => {
      if (g >= 0) kept.push(i);
    });
    if (kept.length === y.length) return summarise(decisions, y, k, c, gamma);
    return summarise(
      Float64Array.from(kept, (i) => decisions[i] ?? 0),
      Int8Array.from(kept, (i) => y[i] ?? 0),
      k,
      c,
      gamma,
    );
  });
}

function summarise(decisions: Float64Array, y: Int8Array, k: number, c: number, gamma: number): TCvResult {
  let right = 0;
  decisions.forEach((f, i) => {
    if ((f > 0 ? 1 : 0) === y[i]) right++;
  });
  const platt = fitPlatt(decisions, y);
  const scores = Array.from(decisions, (f, i): { y: 0 | 1; p: number } => ({
    y: y[i] === 1 ? 1 : 0,
    p: plattProbability(f, platt),
  }));
  return {
    accuracy: y.length ? right / y.length : 0,
    metrics: computeMetrics(scores),
    folds: k,
    c,
    gamma,
    decisions,
    platt,
  };
}

/** Stratified, seeded k-fold cross-validation at one (C, gamma), folds in parallel on worker threads. */
export async function crossValidate(
  rows: readonly TLabelledRow[],
  opts: TTrainOptions = {},
): Promise<TCvResult> {
  const { X, y, d } = packRows(rows);
  const k = opts.folds ?? DEFAULT_FOLDS;
  const plan = foldPlan(y, k, opts.seed ?? 1);
  const pool = createSvmPool(X, y, d, opts.threads);
  try {
    return await queueFolds(pool, y, plan, opts.c ?? DEFAULT_C, opts.gamma ?? 1 / Math.max(1, d), opts);
  } finally {
    await pool.close();
  }
}
