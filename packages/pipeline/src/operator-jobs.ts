import {
  ConflictError,
  failCancelledUpload,
  jobUploadKey,
  NotFoundError,
  operatorJobContext,
  recordAudit,
  reopenFailedUpload,
  type TJobUpload,
  type TPlatformOperator,
} from "@mlsec/db";
import {
  cancelJob,
  findJob,
  isQueueName,
  JobStateError,
  listTroubledJobs,
  PIPELINE_STAGES,
  retryFailedJob,
  type TQueues,
  type TTroubledJob,
  type TTroubleThresholds,
} from "@mlsec/jobs";

/** The reason a cancelled stage's job and upload carry; the user reads it on the upload's page. */
export const CANCEL_REASON = "cancelled by the platform operator";

export type TOperatorJob = TTroubledJob & {
  /** The pipeline stage for an upload's job, else the job's name. */
  stage: string;
  /** Null when the tenant no longer exists (its jobs outlive it until they are removed). */
  tenantName: string | null;
  upload: TJobUpload | null;
};

const isStage = (queue: string): boolean => (PIPELINE_STAGES as readonly string[]).includes(queue);

/** Failed and stuck jobs of every queue with their tenant and upload: the operator page and its API. */
export async function operatorJobs(
  operator: TPlatformOperator,
  queues: TQueues,
  thresholds: TTroubleThresholds,
): Promise<TOperatorJob[]> {
  const jobs = await listTroubledJobs(queues, thresholds);
  const refs = jobs.flatMap((j) =>
    j.tenantId ? [{ tenantId: j.tenantId, ...(j.uploadId ? { uploadId: j.uploadId } : {}) }] : [],
  );
  const context = await operatorJobContext(operator, refs);
  return jobs.map((j) => ({
    ...j,
    stage: isStage(j.queue) ? j.queue : j.name,
    tenantName: j.tenantId ? (context.tenantNames.get(j.tenantId) ?? null) : null,
    upload:
      j.tenantId && j.uploadId ? (context.uploads.get(jobUploadKey(j.tenantId, j.uploadId)) ?? null) : null,
  }));
}

type TJobAction = { queue: string; id: string };

async function jobOf(queues: TQueues, ref: TJobAction) {
  const found = isQueueName(ref.queue) ? await findJob(queues, ref.queue, ref.id) : null;
  if (!found) throw new NotFoundError("job");
  return found;
}

/** The operator's action, in the log of the tenant whose job it was (when that tenant still exists). */
async function audit(
  operator: TPlatformOperator,
  action: "operator.retry" | "operator.cancel",
  ref: TJobAction,
  found: Awaited<ReturnType<typeof jobOf>>,
  detail: Record<string, string>,
) {
  const { tenantId, uploadId } = found.refs;
  if (!tenantId) return;
  const context = await operatorJobContext(operator, [{ tenantId }]);
  if (!context.tenantNames.has(tenantId)) return;
  await recordAudit({
    tenantId,
    actor: `operator:${operator.email}`,
    action,
    target: `${ref.queue}/${ref.id}`,
    detail: { job: found.job.name, stateBefore: found.state, ...(uploadId ? { uploadId } : {}), ...detail },
  });
}

const conflict = (err: unknown): never => {
  if (err instanceof JobStateError) throw new ConflictError(err.message);
  throw err;
};

/**
 * Retries a failed job (NotFoundError for an unknown queue or job, ConflictError when it is not
 * failed). An upload's stage reopens its upload first, so its user sees it queued again.
 */
export async function retryOperatorJob(
  operator: TPlatformOperator,
  queues: TQueues,
  ref: TJobAction,
): Promise<{ queue: string; id: string; state: "waiting" }> {
  const found = await jobOf(queues, ref);
  if (found.state !== "failed")
    conflict(new JobStateError(`only a failed job can be retried; this one is ${found.state}`));
  const { tenantId, uploadId } = found.refs;
  if (isStage(ref.queue) && tenantId && uploadId)
    await reopenFailedUpload(operator, { tenantId, id: uploadId, stage: ref.queue });
  await retryFailedJob(found.job, found.state).catch(conflict);
  await audit(operator, "operator.retry", ref, found, {});
  return { queue: ref.queue, id: ref.id, state: "waiting" };
}

/**
 * Cancels a job: removed when it waits or failed, failed when it runs (apps/worker stops it at its
 * next progress report). An upload's stage fails its upload with CANCEL_REASON.
 */
export async function cancelOperatorJob(
  operator: TPlatformOperator,
  queues: TQueues,
  ref: TJobAction,
): Promise<{ queue: string; id: string; outcome: "removed" | "failed" }> {
  const found = await jobOf(queues, ref);
  const outcome = await cancelJob(queues, found.job, found.state, CANCEL_REASON).catch(conflict);
  const { tenantId, uploadId } = found.refs;
  if (isStage(ref.queue) && tenantId && uploadId)
    await failCancelledUpload(operator, {
      tenantId,
      id: uploadId,
      error: `${ref.queue} failed: ${CANCEL_REASON}`,
    });
  await audit(operator, "operator.cancel", ref, found, { outcome });
  return { queue: ref.queue, id: ref.id, outcome };
}
