import { z } from "zod";

// A lenient reading of a Model row's metrics JSON (packages/core TMetrics, plus `roc` and
// `baseline` when the trainer stores them): a model page must not break on an older row.
const n = z.number().nullable().catch(null);

const ZRocPoints = z
  .union([
    z.array(z.object({ fpr: z.number(), tpr: z.number() })),
    // Column form: { fpr: [...], tpr: [...] }.
    z
      .object({ fpr: z.array(z.number()), tpr: z.array(z.number()) })
      .transform(({ fpr, tpr }) => fpr.map((x, i) => ({ fpr: x, tpr: tpr[i] ?? 0 }))),
  ])
  .nullable()
  .optional()
  .catch(null)
  .transform((points) => (points && points.length >= 2 ? points : null));

export const ZMetricsView = z.object({
  accuracy: n,
  sensitivity: n,
  specificity: n,
  lrPlus: n,
  lrMinus: n,
  auc: n,
  n: n,
  confusion: z
    .object({ tp: z.number(), fp: z.number(), tn: z.number(), fn: z.number() })
    .nullable()
    .catch(null)
    .default(null),
  roc: ZRocPoints,
});
export type TMetricsView = z.infer<typeof ZMetricsView>;

/** How the model was trained, when the row records it. */
export const ZTrainingView = z.object({
  c: n,
  gamma: n,
  threshold: n,
  folds: n,
  labelCounts: z.object({ malicious: z.number(), benign: z.number() }).nullable().catch(null).default(null),
  dataWindow: z.object({ from: z.string(), to: z.string() }).nullable().catch(null).default(null),
});
export type TTrainingView = z.infer<typeof ZTrainingView>;

/** The metrics of a Model row, the baseline's and the training settings when the row carries them. */
export function readModelMetrics(json: unknown): {
  metrics: TMetricsView;
  baseline: TMetricsView | null;
  training: TTrainingView;
} {
  const metrics = ZMetricsView.parse(json ?? {});
  const raw =
    typeof json === "object" && json !== null ? (json as Record<string, unknown>).baseline : undefined;
  const baseline = raw && typeof raw === "object" ? ZMetricsView.parse(raw) : null;
  return { metrics, baseline, training: ZTrainingView.parse(json ?? {}) };
}
