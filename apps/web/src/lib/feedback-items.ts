import { canonicalIp } from "@mlsec/core/ip-lists";
import { enqueueRetrain } from "@mlsec/jobs";
import type { TActor } from "@mlsec/db";
import { recordFeedback, type TFeedbackItem } from "@mlsec/pipeline/feedback";
import type { ZFeedbackItem } from "./feedback-schema.ts";
import { getQueues } from "./queues.ts";
import type { z } from "zod";

type TParsedItem = z.output<typeof ZFeedbackItem>;

/**
 * Parsed feedback items as the use case takes them: every address canonical (an event verdict's
 * `ip` too), or the addresses that are none, for a 400.
 */
export function feedbackItems(
  parsed: readonly TParsedItem[],
): { ok: true; items: TFeedbackItem[] } | { ok: false; badIps: string[] } {
  const badIps: string[] = [];
  const items = parsed.map((item): TFeedbackItem => {
    const ip = item.ip === undefined ? undefined : canonicalIp(item.ip);
    if (ip === null) badIps.push(item.ip ?? "");
    if ("uploadId" in item && item.uploadId !== undefined && item.line !== undefined)
      return {
        uploadId: item.uploadId,
        line: item.line,
        verdict: item.verdict,
        note: item.note,
        reportId: item.reportId ?? null,
        ...(ip ? { ip } : {}),
      };
    return {
      ip: ip ?? item.ip ?? "",
      verdict: item.verdict,
      note: item.note,
      reportId: item.reportId ?? null,
      day: "day" in item ? (item.day ?? null) : null,
      cluster: "cluster" in item ? (item.cluster ?? null) : null,
    };
  });
  return badIps.length > 0 ? { ok: false, badIps } : { ok: true, items };
}

/** The feedback use case with the web app's retrain queue, for the API route and the portal's forms. */
export function giveFeedback(opts: { tenantId: string; actor: TActor; items: readonly TFeedbackItem[] }) {
  return recordFeedback({
    ...opts,
    queueRetrain: (tenantId) => enqueueRetrain(getQueues(), { tenantId, reason: "verdicts" }),
  });
}
