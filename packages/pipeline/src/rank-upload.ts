import { reportAsOf } from "@mlsec/core/pipeline/build-report";
import { computeRanks, decayHorizonDays, serializeSnapshot, type TDecay } from "@mlsec/core/rank/index";
import { getTenant, getUpload } from "@mlsec/db";
import { getJson, putJson } from "@mlsec/storage";
import { sharedAsnTable } from "./asn-table.ts";
import { ingestSummaryKey, ZIngestSummary } from "./ingest-summary.ts";
import { daysBefore, loadTenantRollups } from "./tenant-rollups.ts";

export const snapshotKeyOf = (s3Key: string): string => `${s3Key}.snapshot.json`;

export const tenantDecay = (halfLifeDays: number): TDecay => ({
  kind: "exponential",
  halfLifeDays,
  horizonDays: 90,
});

/**
 * Rank stage: the tenant's decayed ranks as of the day after the upload's last event, from all of
 * the tenant's rollups inside the decay horizon (not just this upload's), stored beside the upload.
 */
export async function rankUpload(opts: { tenantId: string; uploadId: string }) {
  const upload = await getUpload({ tenantId: opts.tenantId, id: opts.uploadId });
  const tenant = await getTenant(opts.tenantId);
  const summary = ZIngestSummary.parse(await getJson(ingestSummaryKey(upload.s3Key)));
  const asOf = reportAsOf(summary.last, upload.createdAt);
  const decay = tenantDecay(tenant?.halfLifeDays ?? 6);
  const rollups = await loadTenantRollups({
    tenantId: opts.tenantId,
    from: daysBefore(asOf, decayHorizonDays(decay)),
    before: asOf,
  });
  const snapshot = computeRanks(rollups, { asOf, decay, asn: await sharedAsnTable() });
  await putJson(snapshotKeyOf(upload.s3Key), serializeSnapshot(snapshot));
  return { asOf, rollups: rollups.length };
}
