import { buildReport, scoreIpsYielding } from "@mlsec/core/pipeline";
import { DEFAULT_HALF_LIFE_DAYS, hasCommunityFeatures } from "@mlsec/core/rank";
import { createTrafficSummariser } from "@mlsec/core/report";
import { applyLists } from "@mlsec/core/score";
import { loadPredictor, ZTrainedModel } from "@mlsec/core/train";
import { getActiveModel, readRollups, saveReport } from "@mlsec/db";
import { listReportDecisions } from "./report-decisions.ts";
import { getJson, putJson, reportKey } from "@mlsec/storage";
import { sharedAsnTable, sharedCountryTable } from "./asn-table.ts";
import { tenantCommunityView } from "./community-pool.ts";
import { loadListMatcher } from "./tenant-lists.ts";
import { loadUploadContext } from "./upload-context.ts";
import { loadUploadSnapshot } from "./upload-snapshot.ts";

/**
 * Report stage: scores every source IP of the upload with the tenant's active model (the baseline
 * when none could be trained yet), and stores the report JSON in S3 with a summary row. A retry
 * overwrites both.
 */
export async function reportUpload(opts: { tenantId: string; uploadId: string; signal?: AbortSignal }) {
  const { upload, summary, triage, decay } = await loadUploadContext(opts);
  const snapshot = await loadUploadSnapshot(upload.s3Key, await sharedAsnTable());
  const active = await getActiveModel(opts.tenantId);
  const model = active ? ZTrainedModel.parse(await getJson(active.s3Key)) : null;
  const predictor = model ? await loadPredictor(model) : null;
  // The pool is consulted when the model learned from it, or when there is no model yet: then a
  // tenant without history still gets scores from what the community saw.
  const community =
    !model || hasCommunityFeatures(model.featureNames)
      ? await tenantCommunityView({ tenantId: opts.tenantId, asOf: snapshot.asOf })
      : null;
  try {
    // The tenant's allow/block entries decide the bucket of the IPs they name, whatever the model says.
    // Yielding: the worker's job-lock timers must run while tens of thousands of addresses score.
    const countries = await sharedCountryTable();
    const scored = applyLists(
      await scoreIpsYielding({ snapshot, ips: summary.ips, model, predictor, triage, countries, community }),
      await loadListMatcher(opts.tenantId),
    );
    // Per-day and per-port counts stream from this upload's own rollups, page by page.
    const traffic = createTrafficSummariser({
      flagged: new Set(scored.filter((s) => s.verdict === "malicious").map((s) => s.ip)),
    });
    if (upload.sha256)
      for await (const { rollup } of readRollups({ tenantId: opts.tenantId, sourceKey: upload.sha256 }))
        traffic.add(rollup);
    const report = buildReport({
      uploadId: upload.id,
      asOf: snapshot.asOf,
      ingest: summary,
      scored,
      model,
      modelVersion: active?.version ?? null,
      modelNote: model
        ? null
        : "no model yet: too few labelled addresses to train one, so IPs are scored by the no-learning baseline",
      traffic: traffic.result(),
      triage,
      halfLifeDays: decay.kind === "exponential" ? decay.halfLifeDays : DEFAULT_HALF_LIFE_DAYS,
    });
    // Cancelled while it scored: no report for an upload its user sees failed.
    opts.signal?.throwIfAborted();
    const key = reportKey(opts.tenantId, upload.id);
    await putJson(key, report);
    const saved = await saveReport({
      tenantId: opts.tenantId,
      uploadId: upload.id,
      s3Key: key,
      modelId: active?.id ?? null,
      summary: { ...report.summary, modelVersion: active?.version ?? null },
    });
    // Feeds serve from these rows: the report's scores become what the tenant lists now.
    await listReportDecisions({
      tenantId: opts.tenantId,
      scored: report.ips,
      asOf: report.asOf,
      halfLifeDays: report.halfLifeDays,
      reportId: saved.id,
      modelId: active?.id ?? null,
      reportedAt: saved.createdAt,
    });
    return report.summary;
  } finally {
    predictor?.close();
  }
}
