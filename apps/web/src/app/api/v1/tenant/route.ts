import { z } from "zod";
import { eraseTenantConfirmed } from "@mlsec/pipeline/tenant";
import { ZEraseTenant } from "@/lib/api-schemas.ts";
import { actorOf } from "@/lib/authenticate-request.ts";
import { jsonError } from "@/lib/json-error.ts";
import { jsonOk } from "@/lib/json-ok.ts";
import { readJsonBody } from "@/lib/read-json-body.ts";
import { withPrincipal } from "@/lib/with-principal.ts";

/**
 * DELETE /api/v1/tenant {"confirm": "<the organisation's exact name>"}: erases the organisation, its
 * rows and every S3 object under its prefix, and the accounts of members who belong nowhere else.
 * Owners only (a session: "manage" is never a key scope). Its audit log goes with it, so the erase
 * is written to the server's log instead. Afterwards the caller's session has no membership: every
 * page and API call of it answers as signed out (the portal signs out on this answer).
 */
export const DELETE = withPrincipal("manage", async (req, principal) => {
  if (principal.role !== "owner") return jsonError(403, "only an owner may erase the organisation");
  const parsed = ZEraseTenant.safeParse(await readJsonBody(req));
  if (!parsed.success) return jsonError(400, "invalid body", { issues: z.flattenError(parsed.error) });
  const outcome = await eraseTenantConfirmed({ tenantId: principal.tenantId, confirm: parsed.data.confirm });
  if (outcome.kind === "not-found") return jsonError(404, "not found");
  if (outcome.kind === "name-mismatch")
    return jsonError(400, "the confirmation does not match the organisation's name");
  console.info(
    `[tenant] erased ${principal.tenantId} by ${actorOf(principal)}: ${outcome.rows} rows, ${outcome.objects} objects`,
  );
  return jsonOk({ erased: true, rows: outcome.rows, objects: outcome.objects });
});
