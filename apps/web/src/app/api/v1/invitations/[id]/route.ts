import { recordAudit, revokeInvitation } from "@mlsec/db";
import { actorOf } from "@/lib/authenticate-request.ts";
import { withPrincipal } from "@/lib/with-principal.ts";
import { noStore } from "@/lib/no-store.ts";

type TInvitationRouteContext = { params: Promise<{ id: string }> };

/** DELETE /api/v1/invitations/:id: withdraws a pending invitation; its link stops working. Owners and admins. */
export const DELETE = withPrincipal("manage", async (_req, principal, ctx: TInvitationRouteContext) => {
  const { id } = await ctx.params;
  await revokeInvitation({ tenantId: principal.tenantId, id });
  await recordAudit({
    tenantId: principal.tenantId,
    actor: actorOf(principal),
    action: "member.uninvite",
    target: id,
  });
  return new Response(null, { status: 204, headers: noStore() });
});
