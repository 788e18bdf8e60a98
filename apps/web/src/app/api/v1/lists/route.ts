import { z } from "zod";
import { addListEntry, listListEntries, recordAudit } from "@mlsec/db";
import { ZListEntry } from "@/lib/api-schemas.ts";
import { actorOf } from "@/lib/authenticate-request.ts";
import { jsonError } from "@/lib/json-error.ts";
import { withPrincipal } from "@/lib/with-principal.ts";
import { readJsonBody } from "@/lib/read-json-body.ts";
import { jsonOk } from "@/lib/json-ok.ts";

/** GET /api/v1/lists: every allow/block entry, expired ones included (`active` says which apply). */
export const GET = withPrincipal("read", async (_req, principal) => {
  const now = Date.now();
  const entries = await listListEntries(principal.tenantId);
  return jsonOk({
    entries: entries.map((e) => ({ ...e, active: !e.expiresAt || e.expiresAt.getTime() > now })),
  });
});

/**
 * POST /api/v1/lists {"kind":"allow"|"block","value":"IP|CIDR|AS<n>","reason","expiresAt"?}:
 * applied at scoring and export from then on. Scope "feedback" (analyst and above).
 */
export const POST = withPrincipal("feedback", async (req, principal) => {
  const parsed = ZListEntry.safeParse(await readJsonBody(req));
  if (!parsed.success) return jsonError(400, "invalid list entry", { issues: z.flattenError(parsed.error) });
  const actor = actorOf(principal);
  const entry = await addListEntry({
    tenantId: principal.tenantId,
    kind: parsed.data.kind,
    value: parsed.data.value,
    reason: parsed.data.reason,
    expiresAt: parsed.data.expiresAt ? new Date(parsed.data.expiresAt) : null,
    createdBy: actor,
  });
  await recordAudit({
    tenantId: principal.tenantId,
    actor,
    action: "list.add",
    target: entry.value,
    detail: { id: entry.id, kind: entry.kind, reason: entry.reason },
  });
  return jsonOk(entry, { status: 201 });
});
