import { revokeInvitation } from "@mlsec/db";
import { withPrincipal } from "@/lib/with-principal.ts";
import { noStore } from "@/lib/no-store.ts";
import { auditBy } from "@/lib/audit-by.ts";

type TInvitationRouteContext = { params: Promise<{ id: string }> };

/** DELETE /api/v1/invitations/:id: withdraws a pending invitation; its link stops working. Owners and admins. */
export const DELETE = withPrincipal("manage", async (_req, principal, ctx: TInvitationRouteContext) => {
  const { id } = await ctx.params;
  await revokeInvitation({ tenantId: principal.tenantId, id });
  await auditBy(principal, {
    action: "member.uninvite",
    target: id,
  });
  return new Response(null, { status: 204, headers: noStore() });
});
