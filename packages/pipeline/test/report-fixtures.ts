import { ZReport, type TScoredIp } from "@mlsec/core/report";
import { createUpload, markUploadDone, saveReport, type TFeedSettings } from "@mlsec/db";
import { putJson, reportKey } from "@mlsec/storage";
import { listReportDecisions } from "../src/report-decisions.ts";
import { addDays, utcDay } from "@mlsec/core/day";

/** A scored address as a report lists it, bucketed at the default thresholds. */
export const scored = (ip: string, score: number): TScoredIp => ({
  ip,
  events: 1,
  score,
  verdict: score >= 0.5 ? "malicious" : "benign",
  bucket: score >= 0.9 ? "block" : score >= 0.5 ? "review" : "allow",
  asn: null,
  asOrg: null,
  country: null,
  reasons: [],
  features: {},
});

/**
 * An upload with a stored report listing `ips` as of `asOf`, done (and its scores listed as
 * decisions) unless `done` is false: what buildBlocklist and the feeds read, without the pipeline.
 */
export async function doneUploadWithReport(tenantId: string, asOf: string, ips: TScoredIp[], done = true) {
  const upload = await createUpload({ tenantId, filename: "x.log" });
  const report = ZReport.parse({
    schemaVersion: 1,
    uploadId: upload.id,
    generatedAt: new Date().toISOString(),
    asOf,
    summary: {
      lines: 0,
      events: 0,
      rejected: 0,
      sources: ips.length,
      flagged: 0,
      first: null,
      last: null,
      buckets: { block: 0, review: 0, allow: 0 },
    },
    formats: {},
    rejected: { byReason: {}, samples: [] },
    model: null,
    modelNote: null,
    ips,
  });
  const key = reportKey(tenantId, upload.id);
  await putJson(key, report);
  const saved = await saveReport({ tenantId, uploadId: upload.id, s3Key: key, modelId: null, summary: {} });
  if (done) {
    // As the report stage and the worker do: the report's scores become decisions, the upload done.
    await listReportDecisions({
      tenantId,
      scored: report.ips,
      asOf,
      halfLifeDays: report.halfLifeDays,
      reportId: saved.id,
      modelId: null,
      reportedAt: saved.createdAt,
    });
    await markUploadDone({ tenantId, id: upload.id });
  }
  return upload.id;
}

/** The UTC day `back` days before today: listings expire with their evidence, so tests list recent days. */
export const recentDay = (back: number): string => addDays(utcDay(), -back);

/** A feed with no filter (it serves what the blocklist serves), with `over` changed. */
export const feedSettings = (over: Partial<TFeedSettings> = {}): TFeedSettings => ({
  name: "edge",
  format: "edl",
  minScore: null,
  buckets: [],
  includeCommunity: true,
  family: null,
  aggregate: false,
  maxEntries: 1_000_000,
  pageSize: null,
  ...over,
});
