import { z } from "zod";
import { EventNotSampledError } from "@mlsec/pipeline/feedback";
import { ZFeedbackBody } from "@/lib/feedback-schema.ts";
import { feedbackItems, giveFeedback } from "@/lib/feedback-items.ts";
import { jsonError } from "@/lib/json-error.ts";
import { readJsonBody } from "@/lib/read-json-body.ts";
import { withPrincipal } from "@/lib/with-principal.ts";
import { noStore } from "@/lib/no-store.ts";

/**
 * POST /api/v1/feedback {"ip","verdict":"malicious"|"benign","note","reportId"?,"day"?,"cluster"?}
 * or {"uploadId","line","verdict","note"?,"ip"?} (or an array of them; `day`, "YYYY-MM-DD", makes it
 * a verdict on that day of the address; `uploadId` and `line` a verdict on that sampled event,
 * stored on the event's address and UTC day with the behaviour rule it falls under that day): stores
 * each verdict with who gave it and the report and model it was given on, all or none (a report or
 * upload of another tenant answers 404, a line the upload's event sample lacks 400, and nothing is
 * saved). A benign verdict on the whole address allow-lists it for Tenant.falsePositiveAllowDays
 * (`allowListed`), which takes it out of the blocklist and the feeds; a later malicious one removes
 * that entry. Once the tenant's new verdicts reach Tenant.retrainAfterVerdicts a retrain is queued.
 * Scope "feedback" (analyst and above; viewers get 403).
 */
export const POST = withPrincipal("feedback", async (req, principal) => {
  const parsed = ZFeedbackBody.safeParse(await readJsonBody(req));
  if (!parsed.success) return jsonError(400, "invalid feedback", { issues: z.flattenError(parsed.error) });
  const items = feedbackItems(Array.isArray(parsed.data) ? parsed.data : [parsed.data]);
  if (!items.ok) return jsonError(400, "not an IP address", { ips: items.badIps });
  const result = await giveFeedback({
    tenantId: principal.tenantId,
    actor: principal.actor,
    items: items.items,
  }).catch((err: unknown) => {
    if (err instanceof EventNotSampledError) return err;
    throw err;
  });
  if (result instanceof EventNotSampledError)
    return jsonError(400, result.message, { uploadId: result.uploadId, line: result.line });
  const saved = result.verdicts.map((v) => ({
    id: v.id,
    ip: v.ip,
    verdict: v.verdict,
    note: v.note,
    day: v.day,
    cluster: v.cluster,
    event: v.event,
    createdAt: v.createdAt,
    allowListed: v.allowListed,
  }));
  const body = {
    verdicts: saved,
    retrainQueued: result.retrainQueued,
    newVerdictsSinceModel: result.newVerdictsSinceModel,
  };
  return Response.json(
    Array.isArray(parsed.data) ? body : { ...saved[0], retrainQueued: result.retrainQueued },
    {
      status: 201,
      headers: noStore(),
    },
  );
});
