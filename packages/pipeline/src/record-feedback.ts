import {
  recordVerdicts,
  retrainDue,
  type TActor,
  type TRecordedVerdict,
  type TVerdictInput,
} from "@mlsec/db";

export type TFeedbackResult = {
  verdicts: TRecordedVerdict[];
  retrainQueued: boolean;
  newVerdictsSinceModel: number;
};

/**
 * Analysts' verdicts from one request (POST /api/v1/feedback, the portal's forms): all of them,
 * their audit events and the allowlist changes they imply are stored together or not at all
 * (recordVerdicts). A false positive's allow entry is what takes the address out of the blocklist
 * and every feed on their next read, since the allowlist wins in each. Once the tenant's new
 * verdicts reach Tenant.retrainAfterVerdicts, `queueRetrain` is called (the caller owns the queues).
 */
export async function recordFeedback(opts: {
  tenantId: string;
  actor: TActor;
  items: readonly TVerdictInput[];
  queueRetrain: (tenantId: string) => Promise<unknown>;
  now?: Date;
}): Promise<TFeedbackResult> {
  const verdicts = await recordVerdicts({
    tenantId: opts.tenantId,
    actor: opts.actor,
    items: opts.items,
    ...(opts.now ? { now: opts.now } : {}),
  });
  const due = await retrainDue(opts.tenantId);
  if (due.due) await opts.queueRetrain(opts.tenantId);
  return { verdicts, retrainQueued: due.due, newVerdictsSinceModel: due.newVerdicts };
}
