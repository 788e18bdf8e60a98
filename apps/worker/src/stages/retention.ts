import type { TRetentionJob } from "@mlsec/jobs";
import { applyRetention } from "@mlsec/pipeline";
import { log } from "../log.ts";

/**
 * maintenance.retention: every tenant with a retention period loses its rollups and raw files older
 * than it (each tenant's audit log says what went). Returns the per-tenant counts as the job result.
 */
export async function runRetention(job: TRetentionJob) {
  const results = await applyRetention(job.asOf ? { asOf: job.asOf } : {});
  for (const r of results) if (r.rollups > 0 || r.rawFiles > 0) log.info({ ...r }, "retention applied");
  return results;
}
