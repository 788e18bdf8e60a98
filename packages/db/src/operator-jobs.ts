import { getDb } from "./client.ts";
import type { TPlatformOperator } from "./operator.ts";

export type TJobUpload = { filename: string; status: string; stage: string | null; error: string | null };

/** Tenant names and uploads for the jobs on the operator page, by id. */
export type TJobContext = {
  tenantNames: Map<string, string>;
  /** Keyed `${tenantId}/${uploadId}`: an upload id paired with another tenant's id finds nothing. */
  uploads: Map<string, TJobUpload>;
};

export const jobUploadKey = (tenantId: string, uploadId: string): string => `${tenantId}/${uploadId}`;

/**
 * What the operator page shows beside each job: its tenant's name and its upload. Cross-tenant by
 * design (the jobs of every tenant), so it takes the operator checked for this request.
 */
export async function operatorJobContext(
  _operator: TPlatformOperator,
  refs: { tenantId: string; uploadId?: string }[],
): Promise<TJobContext> {
  const tenantIds = [...new Set(refs.map((r) => r.tenantId))];
  const uploadIds = [...new Set(refs.flatMap((r) => (r.uploadId ? [r.uploadId] : [])))];
  const db = getDb();
  const [tenants, uploads] = await Promise.all([
    tenantIds.length
      ? db.tenant.findMany({ where: { id: { in: tenantIds } }, select: { id: true, name: true } })
      : [],
    uploadIds.length
      ? db.upload.findMany({
          where: { id: { in: uploadIds }, tenantId: { in: tenantIds } },
          select: { id: true, tenantId: true, filename: true, status: true, stage: true, error: true },
        })
      : [],
  ]);
  return {
    tenantNames: new Map(tenants.map((t) => [t.id, t.name])),
    uploads: new Map(
      uploads.map((u) => [
        jobUploadKey(u.tenantId, u.id),
        { filename: u.filename, status: u.status, stage: u.stage, error: u.error },
      ]),
    ),
  };
}

/**
 * Before an operator's retry of a failed stage: the upload is queued again at that stage, its old
 * reason cleared and its heartbeat fresh (the silent-upload sweep would otherwise fail it at once).
 * Only a failed upload is reopened; returns whether it was.
 */
export async function reopenFailedUpload(
  _operator: TPlatformOperator,
  opts: { tenantId: string; id: string; stage: string },
): Promise<boolean> {
  const res = await getDb().upload.updateMany({
    where: { id: opts.id, tenantId: opts.tenantId, status: "failed" },
    data: { status: "queued", stage: opts.stage, error: null, finishedAt: null, heartbeatAt: new Date() },
  });
  return res.count === 1;
}

/**
 * After an operator cancelled a stage: the upload is failed with a reason its user reads on the
 * upload's page. An upload already done or failed keeps its state and its own reason.
 */
export async function failCancelledUpload(
  _operator: TPlatformOperator,
  opts: { tenantId: string; id: string; error: string },
): Promise<boolean> {
  const res = await getDb().upload.updateMany({
    where: { id: opts.id, tenantId: opts.tenantId, status: { in: ["queued", "processing"] } },
    data: { status: "failed", error: opts.error.slice(0, 2000), finishedAt: new Date() },
  });
  return res.count === 1;
}
