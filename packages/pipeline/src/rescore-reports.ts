import { listDoneReports } from "@mlsec/db";
import { reportUpload } from "./report-upload.ts";

/** Most reports one promotion re-scores: the recent ones an analyst is looking at, not the history. */
export const RESCORE_MAX_REPORTS = 20;

export type TRescoreResult = { rescored: string[]; failed: { uploadId: string; error: string }[] };

/**
 * After a model is promoted: re-scores the reports made while the model it replaced was active
 * (reports made at once with the then-active model, while the grid search ran), oldest first, so
 * their scores, buckets and the tenant's decisions come from the better model. A report keeps its
 * creation time, so a re-scored older report never overrides a newer one's decisions
 * (upsertDecisions keeps the newest report per address). One report that cannot be re-scored (its
 * snapshot removed by retention) is noted and the rest go on.
 */
export async function rescoreReports(opts: {
  tenantId: string;
  modelId: string;
  /** The model replaced: reports since it was made. Null: no model before, so the latest reports. */
  replaced: { id: string; createdAt: Date } | null;
  max?: number;
}): Promise<TRescoreResult> {
  const reports = await listDoneReports({
    tenantId: opts.tenantId,
    take: opts.max ?? RESCORE_MAX_REPORTS,
    ...(opts.replaced ? { since: opts.replaced.createdAt } : {}),
  });
  const out: TRescoreResult = { rescored: [], failed: [] };
  for (const r of reports.filter((x) => x.model?.id !== opts.modelId).reverse()) {
    try {
      await reportUpload({ tenantId: opts.tenantId, uploadId: r.uploadId });
      out.rescored.push(r.uploadId);
    } catch (err) {
      out.failed.push({ uploadId: r.uploadId, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return out;
}
