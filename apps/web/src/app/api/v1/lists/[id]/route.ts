import { recordAudit, removeListEntry } from "@mlsec/db";
import { actorOf } from "@/lib/authenticate-request.ts";
import { withPrincipal } from "@/lib/with-principal.ts";
import { noStore } from "@/lib/no-store.ts";

type TListRouteContext = { params: Promise<{ id: string }> };

/** DELETE /api/v1/lists/:id: removes an allow/block entry. Scope "feedback" (analyst and above). */
export const DELETE = withPrincipal("feedback", async (_req, principal, ctx: TListRouteContext) => {
  const { id } = await ctx.params;
  await removeListEntry({ tenantId: principal.tenantId, id });
  await recordAudit({
    tenantId: principal.tenantId,
    actor: actorOf(principal),
    action: "list.remove",
    target: id,
  });
  return new Response(null, { status: 204, headers: noStore() });
});
