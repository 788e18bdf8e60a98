import { asOfAfter } from "@mlsec/core/day";
import type { TClusterRule, TDecay } from "@mlsec/core/rank";
import { DEFAULT_TRIAGE, type TTriageThresholds } from "@mlsec/core/score";
import { getTenant, getUpload } from "@mlsec/db";
import { getJson, ingestSummaryKey } from "@mlsec/storage";
import { ZIngestSummary, type TIngestSummary } from "./ingest-summary.ts";
import { tenantRankSettings } from "./tenant-rank-settings.ts";

export type TUploadContext = {
  upload: Awaited<ReturnType<typeof getUpload>>;
  summary: TIngestSummary;
  /** The day after the upload's last event: the upload's own days count. */
  asOf: string;
  decay: TDecay;
  /** The tenant's behaviour rules (Tenant.clusterRules, else the defaults). */
  clusters: TClusterRule[];
  /** The tenant's triage thresholds (Tenant.triageBlock/triageReview). */
  triage: TTriageThresholds;
};

/** What every stage after ingest starts from: the upload, its ingest summary, its as-of day and decay. */
export async function loadUploadContext(opts: {
  tenantId: string;
  uploadId: string;
}): Promise<TUploadContext> {
  const upload = await getUpload({ tenantId: opts.tenantId, id: opts.uploadId });
  const tenant = await getTenant(opts.tenantId);
  const summary = ZIngestSummary.parse(await getJson(ingestSummaryKey(upload.s3Key)));
  const asOf = asOfAfter(summary.last, upload.createdAt);
  const { decay, clusters } = tenantRankSettings(tenant);
  return {
    upload,
    summary,
    asOf,
    decay,
    clusters,
    triage: tenant ? { block: tenant.triageBlock, review: tenant.triageReview } : DEFAULT_TRIAGE,
  };
}
