import { z } from "zod";
import {
  getTenant,
  recordAudit,
  setClusterRules,
  setNotificationSettings,
  setRetentionDays,
  setTriageThresholds,
} from "@mlsec/db";
import { webhookUrlRefusal } from "@mlsec/pipeline/settings";
import { ZSettingsPatch } from "@/lib/api-schemas.ts";
import { actorOf } from "@/lib/authenticate-request.ts";
import { jsonError } from "@/lib/json-error.ts";
import { settingsView } from "@/lib/settings-view.ts";
import { withPrincipal } from "@/lib/with-principal.ts";
import { readJsonBody } from "@/lib/read-json-body.ts";
import { jsonOk } from "@/lib/json-ok.ts";

/** GET /api/v1/settings: triage thresholds, notification channels and behaviour rules. Owners and admins. */
export const GET = withPrincipal("manage", async (_req, principal) => {
  const view = await settingsView(principal.tenantId);
  if (!view) return jsonError(404, "not found");
  return jsonOk(view);
});

/**
 * PATCH /api/v1/settings {"triage"?:{block,review}, "notifications"?:{webhookUrl,webhookSecret?,notifyEmail},
 * "rules"?: [...] | null, "retention"?: {days: number | null}}: what `mlsec admin set-triage/set-notifications/set-rules` set, for the
 * portal. Rules apply from the next upload. Owners and admins; audited.
 */
export const PATCH = withPrincipal("manage", async (req, principal) => {
  const parsed = ZSettingsPatch.safeParse(await readJsonBody(req));
  if (!parsed.success) return jsonError(400, "invalid settings", { issues: z.flattenError(parsed.error) });
  const tenantId = principal.tenantId;
  const patch = parsed.data;
  if (patch.notifications) {
    const n = patch.notifications;
    const stored = (await getTenant(tenantId))?.webhookSecret ?? null;
    const secret = n.webhookUrl ? (n.webhookSecret ?? stored) : null;
    if (n.webhookUrl && !secret) return jsonError(400, "a webhook needs a secret to sign with");
    // Loopback, private, link-local and metadata destinations are refused here with a reason the
    // tenant can act on; the worker checks again at send time, which is the check that counts.
    const refusal = n.webhookUrl ? await webhookUrlRefusal(n.webhookUrl) : null;
    if (refusal) return jsonError(400, refusal);
    await setNotificationSettings({
      tenantId,
      webhookUrl: n.webhookUrl,
      webhookSecret: secret,
      notifyEmail: n.notifyEmail,
    });
  }
  if (patch.triage) await setTriageThresholds({ tenantId, ...patch.triage });
  if (patch.rules !== undefined) await setClusterRules({ tenantId, rules: patch.rules });
  if (patch.retention) await setRetentionDays({ tenantId, days: patch.retention.days });
  await recordAudit({
    tenantId,
    actor: actorOf(principal),
    action: "settings.update",
    target: Object.keys(patch).join(","),
    detail: {
      ...(patch.triage ? { triage: patch.triage } : {}),
      ...(patch.notifications
        ? {
            webhookUrl: patch.notifications.webhookUrl,
            notifyEmail: patch.notifications.notifyEmail,
            secretChanged: patch.notifications.webhookSecret !== undefined,
          }
        : {}),
      ...(patch.rules !== undefined ? { rules: patch.rules?.map((r) => r.name) ?? "defaults" } : {}),
      ...(patch.retention ? { retentionDays: patch.retention.days } : {}),
    },
  });
  return jsonOk(await settingsView(tenantId));
});
