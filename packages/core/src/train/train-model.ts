import { baselineColumns, baselineScore } from "./baseline-score.ts";
import {
  balancedWeights,
  DEFAULT_C,
  DEFAULT_FOLDS,
  packRows,
  queueFolds,
  type TCvResult,
  type TFoldPlan,
} from "./cross-validate.ts";
import { downsampleRoc } from "./downsample-roc.ts";
import { applyFeatureTransform, fitFeatureTransform } from "./feature-transform.ts";
import { computeMetrics, rocCurve } from "./metrics.ts";
import { plattProbability, withProbabilityLines } from "./platt-scaling.ts";
import { seededRandom, shuffleInPlace } from "./seeded-random.ts";
import { foldPlan } from "./stratified-folds.ts";
import { parseSvmModel } from "./svm-math.mjs";
import { createSvmPool, type TFitResult } from "./svm-pool.ts";
import type { TLabelledRow, TMetrics, TTrainedModel, TTrainOptions } from "./types.ts";

/** libsvm's guide grid, trimmed: C 2^-1..2^9, gamma 2^-7..2^1 (on features scaled to [0, 1]). */
export const DEFAULT_GRID = {
  c: [0.5, 2, 8, 32, 128, 512],
  gamma: [0.0078125, 0.03125, 0.125, 0.5, 2],
};

/**
 * Grid search over (C, gamma) by k-fold cross-validation, picking the highest out-of-fold ROC AUC
 * (ties: accuracy), then a final fit on all rows with class weights, scaler and Platt sigmoid stored
 * with the model. Every (grid point, fold) fit and the final fit share one worker pool. With `c` and
 * `gamma` both given the grid is skipped and the final fit runs beside the folds.
 */
export async function trainModel(
  rows: readonly TLabelledRow[],
  opts: TTrainOptions = {},
): Promise<TTrainedModel> {
  const width = rows[0]?.x.length ?? 0;
  const transform = fitFeatureTransform(rows, width);
  const { X, y, d } = packRows(rows.map((r) => ({ x: applyFeatureTransform(r.x, transform), y: r.y })));
  const k = opts.folds ?? DEFAULT_FOLDS;
  // Rows that name their address are folded by address, so the chosen (C, gamma) is the one that
  // scores addresses the fit never saw (stratified-folds.ts).
  const byAddress = rows.length > 0 && rows.every((r) => r.ip !== undefined);
  const plan = foldPlan(y, k, opts.seed ?? 1, byAddress ? rows.map((r) => r.ip ?? "") : undefined);
  const fixed = opts.c !== undefined && opts.gamma !== undefined;
  const grid = fixed
    ? { c: [opts.c ?? DEFAULT_C], gamma: [opts.gamma ?? 1 / d] }
    : (opts.grid ?? {
        c: opts.c !== undefined ? [opts.c] : DEFAULT_GRID.c,
        gamma: opts.gamma !== undefined ? [opts.gamma] : DEFAULT_GRID.gamma,
      });
  const pool = createSvmPool(X, y, d, opts.threads, opts.niceness);
  try {
    const all = Int32Array.from(rows, (_, i) => i);
    const finalFit = (c: number, gamma: number): Promise<TFitResult> =>
      pool.fit({
        train: all,
        test: new Int32Array(0),
        c,
        gamma,
        weights: balancedWeights(y),
        cacheMb: opts.cacheMb ?? 100,
        shrinking: opts.shrinking ?? false,
        wantModel: true,
      });
    // With one grid point the final fit is queued first: it is the largest job, so the folds fill in around it.
    const early = fixed && !opts.cvOnly ? finalFit(grid.c[0] ?? DEFAULT_C, grid.gamma[0] ?? 1 / d) : null;
    // A large training picks (C, gamma) on a sample, then cross-validates that point on every row.
    const sampled = !fixed && opts.gridRows !== undefined && rows.length > opts.gridRows;
    const gridPlan = sampled ? samplePlan(plan, y, opts.gridRows ?? rows.length, opts.seed ?? 1) : plan;
    const points = grid.c.flatMap((c) =>
      grid.gamma.map((gamma) => queueFolds(pool, y, gridPlan, c, gamma, opts)),
    );
    const chosen = pickBest(await Promise.all(points));
    const late = opts.cvOnly || !sampled ? null : finalFit(chosen.c, chosen.gamma);
    const best = sampled ? await queueFolds(pool, y, plan, chosen.c, chosen.gamma, opts) : chosen;
    const fit = opts.cvOnly ? null : await (early ?? late ?? finalFit(best.c, best.gamma));
    const featureNames = opts.featureNames
      ? [...opts.featureNames]
      : Array.from({ length: d }, (_, i) => `f${i + 1}`);
    const malicious = y.reduce((s, v) => s + v, 0);
    const svmText = fit?.model
      ? withProbabilityLines(fit.model, best.platt, parseSvmModel(fit.model, d).sign)
      : "";
    return {
      svm: svmText,
      scaler: fit?.scaler ?? { min: [], max: [] },
      transform,
      featureNames,
      cvScheme: byAddress ? "address" : "rows",
      labelCounts: { malicious, benign: rows.length - malicious },
      c: best.c,
      gamma: best.gamma,
      threshold: 0.5,
      platt: best.platt,
      metrics: best.metrics,
      baseline: opts.featureNames ? baselineMetrics(rows, opts.featureNames) : undefined,
      cvAccuracy: best.accuracy,
      folds: k,
      gridRows: gridPlan.fold.reduce((n, g) => (g >= 0 ? n + 1 : n), 0),
      createdAt: new Date().toISOString(),
      dataWindow: opts.dataWindow,
      roc: downsampleRoc(
        Array.from(best.decisions, (f, i) => ({ y: y[i] === 1 ? 1 : 0, p: plattProbability(f, best.platt) })),
      ),
    };
  } finally {
    await pool.close();
  }
}

/**
 * The fold plan with all but about `n` rows taken out (fold -1): a seeded sample of each class in
 * proportion, so the grid search's folds keep the class balance and the address grouping.
 */
function samplePlan(plan: TFoldPlan, y: Int8Array, n: number, seed: number): TFoldPlan {
  const rand = seededRandom(seed + 7919);
  const fold = Int32Array.from(plan.fold);
  for (const cls of [0, 1]) {
    const idx: number[] = [];
    y.forEach((v, i) => {
      if (v === cls) idx.push(i);
    });
    shuffleInPlace(idx, rand);
    const keep = Math.max(plan.k, Math.round((idx.length * n) / y.length));
    for (const i of idx.slice(keep)) fold[i] = -1;
  }
  return { fold, k: plan.k };
}

function pickBest(results: TCvResult[]): TCvResult {
  let best: TCvResult | undefined;
  for (const r of results) {
    if (
      !best ||
      r.metrics.auc > best.metrics.auc ||
      (r.metrics.auc === best.metrics.auc && r.accuracy > best.accuracy)
    )
      best = r;
  }
  if (!best) throw new Error("empty grid");
  return best;
}

/**
 * Metrics of the no-learning score on the same rows. It has no natural threshold, so it gets the one
 * that maximises sensitivity + specificity: the comparison favours the baseline, not the model.
 */
export function baselineMetrics(
  rows: readonly TLabelledRow[],
  featureNames: readonly string[],
): TMetrics | undefined {
  if (baselineColumns(featureNames).length === 0) return undefined;
  const scores = rows.map((r) => ({ y: r.y, p: baselineScore(r.x, featureNames) }));
  let bestT = Infinity;
  let bestJ = -Infinity;
  for (const pt of rocCurve(scores)) {
    if (pt.tpr - pt.fpr > bestJ) {
      bestJ = pt.tpr - pt.fpr;
      bestT = pt.threshold;
    }
  }
  return computeMetrics(scores, bestT);
}
