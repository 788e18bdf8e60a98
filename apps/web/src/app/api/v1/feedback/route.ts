import { z } from "zod";
import { canonicalIp } from "@mlsec/core/ip-lists";
import { enqueueRetrain } from "@mlsec/jobs";
import { recordFeedback } from "@mlsec/pipeline/feedback";
import { ZFeedbackBody } from "@/lib/feedback-schema.ts";
import { jsonError } from "@/lib/json-error.ts";
import { getQueues } from "@/lib/queues.ts";
import { readJsonBody } from "@/lib/read-json-body.ts";
import { withPrincipal } from "@/lib/with-principal.ts";
import { noStore } from "@/lib/no-store.ts";

/**
 * POST /api/v1/feedback {"ip","verdict":"malicious"|"benign","note","reportId"?,"day"?,"cluster"?}
 * (or an array of them; `day`, "YYYY-MM-DD", makes it a verdict on that day of the address): stores
 * each verdict with who gave it and the report and model it was given on, all or none (a report of
 * another tenant answers 404 and saves nothing). A benign verdict on the whole address allow-lists
 * it for Tenant.falsePositiveAllowDays (`allowListed`), which takes it out of the blocklist and the
 * feeds; a later malicious one removes that entry. Once the tenant's new verdicts reach
 * Tenant.retrainAfterVerdicts a retrain is queued. Scope "feedback" (analyst and above; viewers get 403).
 */
export const POST = withPrincipal("feedback", async (req, principal) => {
  const parsed = ZFeedbackBody.safeParse(await readJsonBody(req));
  if (!parsed.success) return jsonError(400, "invalid feedback", { issues: z.flattenError(parsed.error) });
  const items = Array.isArray(parsed.data) ? parsed.data : [parsed.data];
  const ips = items.map((i) => canonicalIp(i.ip));
  const bad = items.filter((_, n) => ips[n] === null).map((i) => i.ip);
  if (bad.length > 0) return jsonError(400, "not an IP address", { ips: bad });
  const result = await recordFeedback({
    tenantId: principal.tenantId,
    actor: principal.actor,
    items: items.map((item, n) => ({
      ip: ips[n] ?? item.ip,
      verdict: item.verdict,
      note: item.note,
      reportId: item.reportId ?? null,
      day: item.day ?? null,
      cluster: item.cluster ?? null,
    })),
    queueRetrain: (tenantId) => enqueueRetrain(getQueues(), { tenantId, reason: "verdicts" }),
  });
  const saved = result.verdicts.map((v) => ({
    id: v.id,
    ip: v.ip,
    verdict: v.verdict,
    note: v.note,
    day: v.day,
    cluster: v.cluster,
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
