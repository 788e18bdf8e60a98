"use server";

import { notFound, redirect } from "next/navigation";
import { NotFoundError } from "@mlsec/db";
import { EventNotSampledError } from "@mlsec/pipeline/feedback";
import { canonicalIp } from "@/lib/canonical-ip.ts";
import { feedbackItems, giveFeedback } from "@/lib/feedback-items.ts";
import { ZEventFeedback } from "@/lib/feedback-schema.ts";
import { requireScope } from "@/lib/require-scope.ts";
import { eventsAnchor } from "@/lib/events-anchor.ts";
import type { TEventNotice } from "./event-notice.ts";

const text = (v: FormDataEntryValue | null): string => (typeof v === "string" ? v : "");

/**
 * "benign" / "malicious" beside a sampled event on the IP page: a plain form post (works without
 * JavaScript), validated by the schema POST /api/v1/feedback takes and stored by the same use case,
 * so it is audited and counts toward a retrain the same way. Back to the event's day section with
 * what happened as a code (no free text rides in the URL). Analysts and above.
 */
export async function eventVerdictAction(form: FormData): Promise<void> {
  const user = await requireScope("feedback");
  const ip = canonicalIp(text(form.get("ip")));
  if (!ip) notFound();
  const parsed = ZEventFeedback.safeParse({
    uploadId: text(form.get("uploadId")),
    line: Number(text(form.get("line"))),
    verdict: text(form.get("verdict")),
    ip,
  });
  const day = text(form.get("day"));
  const back = (notice: TEventNotice): never => {
    const query = new URLSearchParams(notice);
    redirect(`/ips/${encodeURIComponent(ip)}?${query.toString()}#${eventsAnchor(notice.upload, day)}`);
  };
  if (!parsed.success) return back({ eventError: "invalid", upload: "", line: "" });
  const { uploadId, line, verdict } = parsed.data;
  const items = feedbackItems([parsed.data]);
  if (!items.ok) return back({ eventError: "invalid", upload: uploadId, line: String(line) });
  let error: "notSampled" | "missing" | null = null;
  try {
    await giveFeedback({ tenantId: user.tenantId, actor: { userId: user.userId }, items: items.items });
  } catch (err) {
    if (err instanceof EventNotSampledError) error = "notSampled";
    else if (err instanceof NotFoundError) error = "missing";
    else throw err;
  }
  // redirect() throws, so it stays outside the try above.
  return back(
    error
      ? { eventError: error, upload: uploadId, line: String(line) }
      : { eventVerdict: verdict, upload: uploadId, line: String(line) },
  );
}
