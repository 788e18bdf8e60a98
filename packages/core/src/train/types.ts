import { z } from "zod";

/** One labelled example: a feature vector and its class (1 = malicious, 0 = benign/background). */
export type TLabelledRow = { x: number[]; y: 0 | 1; ip?: string; source?: string };

export type TTrainOptions = {
  /** k for k-fold cross-validation (default 10). */
  folds?: number;
  /** Fixed C; with `gamma` also fixed the grid search is skipped. */
  c?: number;
  gamma?: number;
  grid?: { c: number[]; gamma: number[] };
  /**
   * Most rows the grid search cross-validates each point on: above it, a seeded sample of each
   * class in proportion picks (C, gamma), and the chosen point alone is then cross-validated on
   * every row (the model's metrics, Platt sigmoid and ROC) and fitted on every row. Default: all.
   */
  gridRows?: number;
  /** Seeds the stratified fold assignment (default 1). */
  seed?: number;
  /** Worker threads (default: available parallelism). */
  threads?: number;
  /** Nice value of those threads (default 0): a background training runs below interactive work. */
  niceness?: number;
  featureNames?: readonly string[];
  /** Skip the final fit on all rows (cross-validation only, like `svm-train -v`). */
  cvOnly?: boolean;
  /** libsvm kernel cache per thread, MB (default 100, libsvm's own default). */
  cacheMb?: number;
  /** libsvm shrinking heuristic (default off: on these problems nearly every SV is bounded and shrinking only costs). */
  shrinking?: boolean;
  dataWindow?: { from: string; to: string };
};

export const ZMetrics = z.object({
  accuracy: z.number(),
  sensitivity: z.number(),
  specificity: z.number(),
  /** sensitivity / (1 - specificity); Infinity when there are no false positives (JSON: null). */
  lrPlus: z.number().nullable(),
  /** (1 - sensitivity) / specificity; null when undefined. */
  lrMinus: z.number().nullable(),
  auc: z.number(),
  confusion: z.object({ tp: z.number(), fp: z.number(), tn: z.number(), fn: z.number() }),
  n: z.number(),
});
export type TMetrics = z.infer<typeof ZMetrics>;

/** One point of a ROC curve; threshold null stands for "flag nothing" (+Infinity). */
export const ZRocPoint = z.object({ fpr: z.number(), tpr: z.number(), threshold: z.number().nullable() });
export type TRocPoint = z.infer<typeof ZRocPoint>;

export const ZTrainedModel = z.object({
  /** libsvm model text (with probA/probB from our Platt fit, so `svm-predict -b 1` reads it too). */
  svm: z.string(),
  scaler: z.object({ min: z.array(z.number()), max: z.array(z.number()) }),
  /**
   * Log compression applied before the scaler (feature-transform.ts); absent in models trained
   * before it, which take features as they are.
   */
  transform: z.object({ logScale: z.array(z.number()) }).optional(),
  featureNames: z.array(z.string()),
  /**
   * How cross-validation folded the rows: "address" keeps each address's rows in one fold; absent
   * in models from before, whose random row folds scored higher for the same model (not comparable).
   */
  cvScheme: z.enum(["rows", "address"]).optional(),
  labelCounts: z.object({ malicious: z.number(), benign: z.number() }),
  c: z.number(),
  gamma: z.number(),
  threshold: z.number(),
  /** Platt sigmoid over the decision value: p = 1 / (1 + exp(a * f + b)). */
  platt: z.object({ a: z.number(), b: z.number() }),
  metrics: ZMetrics,
  baseline: ZMetrics.optional(),
  cvAccuracy: z.number(),
  folds: z.number(),
  /** Rows the grid search cross-validated each point on (fewer than all with `gridRows`); absent in older models. */
  gridRows: z.number().optional(),
  createdAt: z.string(),
  dataWindow: z.object({ from: z.string(), to: z.string() }).optional(),
  /** ROC of the chosen grid point's out-of-fold probabilities, ~50 points, for the model page. */
  roc: z.array(ZRocPoint).optional(),
});
export type TTrainedModel = z.infer<typeof ZTrainedModel>;
