import { revokeApiKey } from "@mlsec/db";
import { withPrincipal } from "@/lib/with-principal.ts";
import { jsonOk } from "@/lib/json-ok.ts";
import { auditBy } from "@/lib/audit-by.ts";

type TKeyRouteContext = { params: Promise<{ id: string }> };

/** DELETE /api/v1/keys/:id: revokes the key at once (it answers 401 from then on). Owners and admins. */
export const DELETE = withPrincipal("manage", async (_req, principal, ctx: TKeyRouteContext) => {
  const { id } = await ctx.params;
  const revoked = await revokeApiKey({ tenantId: principal.tenantId, id });
  await auditBy(principal, {
    action: "key.revoke",
    target: id,
  });
  return jsonOk(revoked);
});
