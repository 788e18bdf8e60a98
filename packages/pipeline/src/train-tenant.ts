import { randomUUID } from "node:crypto";
import { trainFromRollups } from "@mlsec/core/pipeline/train-from-rollups";
import { shouldPromote, ZMetrics } from "@mlsec/core/train/index";
import { getActiveModel, registerModel } from "@mlsec/db";
import { modelKey, putJson } from "@mlsec/storage";
import { sharedAsnTable } from "./asn-table.ts";
import { modelRegistryMetrics } from "./model-registry-metrics.ts";
import { loadUploadContext } from "./upload-context.ts";

const LABEL_DAYS = 7;

/**
 * Train stage: labels the tenant's recent days, trains and cross-validates an SVM, stores it in S3
 * and registers it as the next version, active only if it is not worse than the active one. Too
 * little data is not an error: the report then says the baseline scored it.
 */
export async function trainTenant(opts: { tenantId: string; uploadId: string }) {
  const { asOf, decay, loadRollups } = await loadUploadContext(opts);
  // Label days need their own decay horizon of history before them.
  const rollups = await loadRollups(LABEL_DAYS);
  const outcome = await trainFromRollups({
    rollups,
    asOf,
    decay,
    asn: await sharedAsnTable(),
    labelDays: LABEL_DAYS,
  });
  if (!outcome.model) return { trained: false, note: outcome.note };
  const active = await getActiveModel(opts.tenantId);
  const current = active ? ZMetrics.safeParse(active.metrics) : null;
  const promote = shouldPromote(outcome.model.metrics, current?.success ? current.data : null);
  const key = modelKey(opts.tenantId, randomUUID());
  await putJson(key, outcome.model);
  const row = await registerModel({
    tenantId: opts.tenantId,
    s3Key: key,
    metrics: modelRegistryMetrics(outcome.model),
    promote,
  });
  return { trained: true, version: row.version, promoted: promote };
}
