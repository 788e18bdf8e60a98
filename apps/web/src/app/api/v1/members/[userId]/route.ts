import { z } from "zod";
import { getMembership, removeMember, setMemberRole } from "@mlsec/db";
import { ZRoleChange } from "@/lib/api-schemas.ts";
import { jsonError } from "@/lib/json-error.ts";
import { withPrincipal } from "@/lib/with-principal.ts";
import { readJsonBody } from "@/lib/read-json-body.ts";
import { jsonOk } from "@/lib/json-ok.ts";
import { noStore } from "@/lib/no-store.ts";
import { auditBy } from "@/lib/audit-by.ts";

type TMemberRouteContext = { params: Promise<{ userId: string }> };

/**
 * PATCH /api/v1/members/:userId {"role":"owner"|"admin"|"analyst"|"viewer"}: owners and admins;
 * only an owner may make or unmake an owner, and the last owner stays (409).
 */
export const PATCH = withPrincipal("manage", async (req, principal, ctx: TMemberRouteContext) => {
  const { userId } = await ctx.params;
  const parsed = ZRoleChange.safeParse(await readJsonBody(req));
  if (!parsed.success) return jsonError(400, "invalid role", { issues: z.flattenError(parsed.error) });
  const current = await getMembership(userId, principal.tenantId);
  if (!current) return jsonError(404, "not found");
  if ((parsed.data.role === "owner" || current.role === "owner") && principal.role !== "owner")
    return jsonError(403, "only an owner may make or unmake an owner");
  const changed = await setMemberRole({ tenantId: principal.tenantId, userId, role: parsed.data.role });
  await auditBy(principal, {
    action: "member.role",
    target: userId,
    detail: { from: changed.previousRole, to: changed.role },
  });
  return jsonOk(changed);
});

/**
 * DELETE /api/v1/members/:userId: removes the member from the organisation (their sessions lose
 * access at once, as every request re-reads the membership). Owners and admins; only an owner
 * removes an owner, and the last owner stays (409).
 */
export const DELETE = withPrincipal("manage", async (_req, principal, ctx: TMemberRouteContext) => {
  const { userId } = await ctx.params;
  const current = await getMembership(userId, principal.tenantId);
  if (!current) return jsonError(404, "not found");
  if (current.role === "owner" && principal.role !== "owner")
    return jsonError(403, "only an owner may remove an owner");
  const removed = await removeMember({ tenantId: principal.tenantId, userId });
  await auditBy(principal, {
    action: "member.remove",
    target: userId,
    detail: { role: removed.role },
  });
  return new Response(null, { status: 204, headers: noStore() });
});
