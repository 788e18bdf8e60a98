import type { TScoredIp } from "../report/report-schema.ts";

/**
 * How many of the addresses in the block bucket are expected to be benign: the sum of 1 - p over
 * them, which is what a calibrated probability p promises (Platt scaling on address-folded
 * cross-validation; measured calibration error 0.03-0.11 on the day-forward worlds, see
 * docs/benchmarks.md). Per day over the days the report's events span. Null without a model:
 * the no-learning score is not a probability.
 */
export function expectedFalseBlocks(
  scored: readonly Pick<TScoredIp, "score" | "bucket">[],
  days: number,
  withModel: boolean,
): { total: number; perDay: number; days: number } | null {
  if (!withModel) return null;
  let total = 0;
  for (const s of scored) if (s.bucket === "block") total += 1 - s.score;
  const span = Math.max(1, days);
  return { total, perDay: total / span, days: span };
}
