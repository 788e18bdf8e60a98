import { removeListEntry } from "@mlsec/db";
import { withPrincipal } from "@/lib/with-principal.ts";
import { noStore } from "@/lib/no-store.ts";
import { auditBy } from "@/lib/audit-by.ts";

type TListRouteContext = { params: Promise<{ id: string }> };

/** DELETE /api/v1/lists/:id: removes an allow/block entry. Scope "feedback" (analyst and above). */
export const DELETE = withPrincipal("feedback", async (_req, principal, ctx: TListRouteContext) => {
  const { id } = await ctx.params;
  await removeListEntry({ tenantId: principal.tenantId, id });
  await auditBy(principal, {
    action: "list.remove",
    target: id,
  });
  return new Response(null, { status: 204, headers: noStore() });
});
