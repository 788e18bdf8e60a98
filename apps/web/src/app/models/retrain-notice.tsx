import { retrainStatus, type TRetrainStatus } from "@mlsec/jobs";
import { formatDateTime } from "@/lib/format.ts";
import { getQueues } from "@/lib/queues.ts";

const REASONS: Record<string, string> = {
  verdicts: "enough new verdicts",
  daily: "the daily retrain",
  manual: "a request",
  upload: "an upload's report",
};

/** The retrain state from the queue, or undefined when Redis cannot say (the page still shows the models). */
async function readStatus(tenantId: string): Promise<TRetrainStatus | null | undefined> {
  try {
    return await retrainStatus(getQueues(), tenantId);
  } catch {
    return undefined;
  }
}

/**
 * A retrain that is queued or running, with why and since when: the retrain job reports no progress
 * of its own, so the page says what the queue knows and no percentage.
 */
export async function RetrainNotice({ tenantId }: { tenantId: string }) {
  const status = await readStatus(tenantId);
  if (status === undefined)
    return <p className="muted">Whether a retrain is running cannot be read right now.</p>;
  if (status === null) return null;
  const why = REASONS[status.reason] ?? status.reason;
  return (
    <p className="panel" role="status" data-testid="retrain-status" data-state={status.state}>
      {status.state === "running" && status.startedAt
        ? `Retraining now (started ${formatDateTime(status.startedAt.toISOString())}, after ${why}); the new version appears here when it is done.`
        : `A retrain is queued (since ${formatDateTime(status.queuedAt.toISOString())}, after ${why}).`}
    </p>
  );
}
