import { z } from "zod";

/** A metric as stored (null where it has no value: one class missing). */
const ZMetric = z.number().nullable();
export const ZBacktestSliceMetrics = z.object({
  rows: z.number(),
  malicious: z.number(),
  benign: z.number(),
  auc: ZMetric,
  heuristicAuc: ZMetric,
  sensitivity: ZMetric,
  specificity: ZMetric,
  lrPlus: ZMetric,
  brier: ZMetric,
  calibrationError: ZMetric,
});
export type TBacktestSliceMetrics = z.infer<typeof ZBacktestSliceMetrics>;

/** The Backtest row's summary JSON (pipeline backtestSummary), read back defensively. */
const ZSummary = z.object({ days: z.number(), skipped: z.number(), all: ZBacktestSliceMetrics.nullable() });

export const fmt3 = (v: number | null | undefined): string =>
  v === null || v === undefined ? "—" : v.toFixed(3);
export const fmtPct = (v: number | null | undefined): string =>
  v === null || v === undefined ? "—" : `${(v * 100).toFixed(1)}%`;
export const fmtLr = (v: number | null | undefined, specificity: number | null | undefined): string =>
  v === null || v === undefined ? (specificity === 1 ? "∞" : "—") : v.toFixed(1);

/** The pooled numbers of a run for the list of runs, "—" until it is done. */
export function backtestListMetrics(summary: unknown) {
  const parsed = ZSummary.safeParse(summary);
  const all = parsed.success ? parsed.data.all : null;
  return {
    auc: fmt3(all?.auc),
    sensitivity: fmtPct(all?.sensitivity),
    specificity: fmtPct(all?.specificity),
    lrPlus: fmtLr(all?.lrPlus, all?.specificity),
    brier: fmt3(all?.brier),
  };
}
