import type { z } from "zod";
import type { ZBucket } from "../report/report-schema.ts";

/** Per-tenant triage thresholds on the model's probability. */
export type TTriageThresholds = { block: number; review: number };

// Block only what the model is sure of; the middle band is what is worth an analyst's time.
export const DEFAULT_TRIAGE: TTriageThresholds = { block: 0.9, review: 0.5 };

export function triageBucket(p: number, t: TTriageThresholds = DEFAULT_TRIAGE): z.infer<typeof ZBucket> {
  if (p >= t.block) return "block";
  if (p >= t.review) return "review";
  return "allow";
}
