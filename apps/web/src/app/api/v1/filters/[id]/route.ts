import { removeSavedFilter } from "@mlsec/pipeline/dashboard";
import { actorOf } from "@/lib/authenticate-request.ts";
import { noStore } from "@/lib/no-store.ts";
import { withPrincipal } from "@/lib/with-principal.ts";

type TFilterRouteContext = { params: Promise<{ id: string }> };

/** DELETE /api/v1/filters/:id: deletes a saved filter (404 for another tenant's). Scope "feedback". */
export const DELETE = withPrincipal("feedback", async (_req, principal, ctx: TFilterRouteContext) => {
  const { id } = await ctx.params;
  await removeSavedFilter({ tenantId: principal.tenantId, actor: actorOf(principal), id });
  return new Response(null, { status: 204, headers: noStore() });
});
