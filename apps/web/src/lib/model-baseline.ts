import { getJson } from "@mlsec/storage";
import { ZMetricsView, type TMetricsView } from "./model-view.ts";

// Model artefacts never change once stored, so their baseline metrics are kept for the process.
const holder = globalThis as unknown as { __mlsecBaselines?: Map<string, Promise<TMetricsView | null>> };

/**
 * The no-learning baseline's metrics from a model artefact in S3 (older Model rows do not copy
 * them into their metrics JSON). Null when the artefact has none or cannot be read.
 */
export function loadModelBaseline(s3Key: string): Promise<TMetricsView | null> {
  const cache = (holder.__mlsecBaselines ??= new Map<string, Promise<TMetricsView | null>>());
  let hit = cache.get(s3Key);
  if (!hit) {
    hit = getJson(s3Key).then(
      (json) => {
        const baseline =
          typeof json === "object" && json !== null ? (json as Record<string, unknown>).baseline : null;
        return baseline ? ZMetricsView.parse(baseline) : null;
      },
      () => null,
    );
    cache.set(s3Key, hit);
  }
  return hit;
}
