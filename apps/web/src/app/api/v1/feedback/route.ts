import { z } from "zod";
import { canonicalIp } from "@mlsec/core/labels/ip-text";
import { recordAudit, recordVerdict, retrainDue, verdictContext } from "@mlsec/db";
import { enqueueRetrain } from "@mlsec/jobs";
import { actorOf } from "@/lib/authenticate-request.ts";
import { ZFeedbackBody } from "@/lib/feedback-schema.ts";
import { jsonError } from "@/lib/json-error.ts";
import { getQueues } from "@/lib/queues.ts";
import { readJsonBody } from "@/lib/read-json-body.ts";
import { withPrincipal } from "@/lib/with-principal.ts";

/**
 * POST /api/v1/feedback {"ip","verdict":"malicious"|"benign","note","reportId"?,"day"?,"cluster"?}
 * (or an array of them; `day`, "YYYY-MM-DD", makes it a verdict on that day of the address): stores each verdict with who gave it and the report and model it was given on; once the
 * tenant's new verdicts reach Tenant.retrainAfterVerdicts a retrain is queued. Scope "feedback"
 * (analyst and above; viewers get 403).
 */
export const POST = withPrincipal("feedback", async (req, principal) => {
  const parsed = ZFeedbackBody.safeParse(await readJsonBody(req));
  if (!parsed.success) return jsonError(400, "invalid feedback", { issues: z.flattenError(parsed.error) });
  const items = Array.isArray(parsed.data) ? parsed.data : [parsed.data];
  const ips = items.map((i) => canonicalIp(i.ip));
  const bad = items.filter((_, n) => ips[n] === null).map((i) => i.ip);
  if (bad.length > 0) return jsonError(400, "not an IP address", { ips: bad });
  const saved = [];
  for (const [n, item] of items.entries()) {
    const ip = ips[n] ?? item.ip;
    const context = await verdictContext({ tenantId: principal.tenantId, reportId: item.reportId ?? null });
    const row = await recordVerdict({
      tenantId: principal.tenantId,
      ip,
      verdict: item.verdict,
      note: item.note,
      actor: principal.actor,
      day: item.day ?? null,
      cluster: item.cluster ?? null,
      ...context,
    });
    await recordAudit({
      tenantId: principal.tenantId,
      actor: actorOf(principal),
      action: "verdict",
      target: ip,
      detail: {
        verdict: item.verdict,
        verdictId: row.id,
        reportId: context.reportId,
        modelId: context.modelId,
        day: row.day,
        cluster: row.cluster,
      },
    });
    saved.push({
      id: row.id,
      ip,
      verdict: row.verdict,
      note: row.note,
      day: row.day,
      cluster: row.cluster,
      createdAt: row.createdAt,
    });
  }
  const due = await retrainDue(principal.tenantId);
  if (due.due) await enqueueRetrain(getQueues(), { tenantId: principal.tenantId, reason: "verdicts" });
  const body = { verdicts: saved, retrainQueued: due.due, newVerdictsSinceModel: due.newVerdicts };
  return Response.json(Array.isArray(parsed.data) ? body : { ...saved[0], retrainQueued: due.due }, {
    status: 201,
    headers: { "Cache-Control": "no-store" },
  });
});
