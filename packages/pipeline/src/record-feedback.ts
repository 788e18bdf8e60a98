import {
  recordVerdicts,
  retrainDue,
  type TActor,
  type TRecordedVerdict,
  type TVerdictInput,
} from "@mlsec/db";
import { resolveEventVerdict, type TEventVerdictItem } from "./event-verdicts.ts";

export type TFeedbackResult = {
  verdicts: TRecordedVerdict[];
  retrainQueued: boolean;
  newVerdictsSinceModel: number;
};

/** One verdict of a request: on an address or a day of it, or on one sampled event of an upload. */
export type TFeedbackItem = TVerdictInput | TEventVerdictItem;

const isEventItem = (item: TFeedbackItem): item is TEventVerdictItem => "uploadId" in item;

/**
 * Analysts' verdicts from one request (POST /api/v1/feedback, the portal's forms): all of them,
 * their audit events and the allowlist changes they imply are stored together or not at all
 * (recordVerdicts). Event verdicts are resolved first, against the upload's event sample, to the
 * address-day verdict they store (resolveEventVerdict); one whose line the sample lacks fails the
 * request (EventNotSampledError) before anything is written. A false positive's allow entry is what
 * takes the address out of the blocklist and every feed on their next read, since the allowlist
 * wins in each. Once the tenant's new verdicts reach Tenant.retrainAfterVerdicts, `queueRetrain` is
 * called (the caller owns the queues).
 */
export async function recordFeedback(opts: {
  tenantId: string;
  actor: TActor;
  items: readonly TFeedbackItem[];
  queueRetrain: (tenantId: string) => Promise<unknown>;
  now?: Date;
}): Promise<TFeedbackResult> {
  const items: TVerdictInput[] = [];
  // One at a time: each reads a few S3 objects, and a request holds up to 500 items.
  for (const item of opts.items)
    items.push(isEventItem(item) ? await resolveEventVerdict(opts.tenantId, item) : item);
  const verdicts = await recordVerdicts({
    tenantId: opts.tenantId,
    actor: opts.actor,
    items,
    ...(opts.now ? { now: opts.now } : {}),
  });
  const due = await retrainDue(opts.tenantId);
  if (due.due) await opts.queueRetrain(opts.tenantId);
  return { verdicts, retrainQueued: due.due, newVerdictsSinceModel: due.newVerdicts };
}
