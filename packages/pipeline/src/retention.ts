import { addDays, asOfAfter } from "@mlsec/core/day";
import {
  deleteRollupsBefore,
  dropExpiredRollupPartitions,
  markRawPurged,
  recordAudit,
  tenantsWithRetention,
  uploadsToPurge,
} from "@mlsec/db";
import { deleteObject, getStorage, type TStorage } from "@mlsec/storage";

/** Rows a delete statement removes at most: each batch is its own short transaction. */
export const RETENTION_ROW_BATCH = 10_000;
const UPLOAD_BATCH = 100;

export type TRetentionResult = {
  tenantId: string;
  retentionDays: number;
  /** The first day kept: rollups of earlier days are deleted. */
  cutDay: string;
  rollups: number;
  rawFiles: number;
};

/**
 * The first day a retention of `retentionDays` keeps, as of `asOf`. By the as-of rule an as-of day
 * uses the days strictly before it, so the N days kept are [asOf - N, asOf - 1]. The job runs with
 * the as-of day after today (today may already hold data), i.e. it keeps today and N - 1 days back.
 */
export const retentionCutDay = (retentionDays: number, asOf: string): string => addDays(asOf, -retentionDays);

/**
 * Applies one tenant's retention: deletes its rollups of days before the cut in batches, then the
 * raw files of its uploads that are wholly older than the cut (reports, rank snapshots, models,
 * verdicts and the upload rows stay), and records what went in the tenant's audit log. Idempotent:
 * a second run finds nothing to remove and records nothing.
 */
export async function applyTenantRetention(opts: {
  tenantId: string;
  retentionDays: number;
  asOf?: string;
  batch?: number;
  storage?: TStorage;
  /** The tenant's expired rows that went with whole partitions already (applyRetention). */
  droppedRollups?: number;
}): Promise<TRetentionResult> {
  const cutDay = retentionCutDay(opts.retentionDays, opts.asOf ?? asOfAfter(null));
  const batch = opts.batch ?? RETENTION_ROW_BATCH;
  const storage = opts.storage ?? getStorage();
  let rollups = opts.droppedRollups ?? 0;
  for (;;) {
    // Until none is left: a batch stays within one month, so a short one does not mean the last.
    const n = await deleteRollupsBefore({ tenantId: opts.tenantId, cutDay, batch });
    rollups += n;
    if (n === 0) break;
  }
  let rawFiles = 0;
  for (;;) {
    const uploads = await uploadsToPurge({ tenantId: opts.tenantId, cutDay, limit: UPLOAD_BATCH });
    if (uploads.length === 0) break;
    // Object first, then the mark: a crash between them leaves a mark missing, and the next run
    // deletes an already missing key again (S3 deletes are idempotent) before marking it.
    for (const u of uploads) await deleteObject(u.s3Key, storage);
    rawFiles += await markRawPurged({ tenantId: opts.tenantId, uploadIds: uploads.map((u) => u.id) });
    if (uploads.length < UPLOAD_BATCH) break;
  }
  const result = { tenantId: opts.tenantId, retentionDays: opts.retentionDays, cutDay, rollups, rawFiles };
  if (rollups > 0 || rawFiles > 0)
    await recordAudit({
      tenantId: opts.tenantId,
      actor: "system:retention",
      action: "retention.purge",
      target: `before ${cutDay}`,
      detail: { retentionDays: opts.retentionDays, cutDay, rollups, rawFiles },
    });
  return result;
}

/**
 * The daily job. First the months every tenant in them is done with are dropped as whole
 * partitions (no row-by-row delete, no bloat left behind); then every tenant with a retention
 * period, one after another, deletes what is left before its own cut in the months it shares with
 * tenants who keep theirs longer (a bounded DELETE per batch). A tenant's result and audit record
 * count both.
 */
export async function applyRetention(
  opts: { asOf?: string; storage?: TStorage } = {},
): Promise<TRetentionResult[]> {
  const asOf = opts.asOf ?? asOfAfter(null);
  const { rowsByTenant } = await dropExpiredRollupPartitions({ asOf });
  const out: TRetentionResult[] = [];
  for (const t of await tenantsWithRetention())
    out.push(
      await applyTenantRetention({ ...t, ...opts, asOf, droppedRollups: rowsByTenant.get(t.tenantId) ?? 0 }),
    );
  return out;
}
