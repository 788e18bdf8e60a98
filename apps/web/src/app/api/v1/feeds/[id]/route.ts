import { getFeed, revokeFeed } from "@mlsec/db";
import { feedView } from "@/lib/feed-url.ts";
import { withPrincipal } from "@/lib/with-principal.ts";
import { noStore } from "@/lib/no-store.ts";
import { auditBy } from "@/lib/audit-by.ts";

type TCtx = { params: Promise<{ id: string }> };

/** GET /api/v1/feeds/:id: one feed (another tenant's id: 404). */
export const GET = withPrincipal<TCtx>("read", async (_req, principal, ctx) => {
  const { id } = await ctx.params;
  return Response.json(feedView(await getFeed({ tenantId: principal.tenantId, id })), {
    headers: noStore(),
  });
});

/** DELETE /api/v1/feeds/:id: revokes the feed's token; its consumers get 401 from the next pull. */
export const DELETE = withPrincipal<TCtx>("feedback", async (_req, principal, ctx) => {
  const { id } = await ctx.params;
  await revokeFeed({ tenantId: principal.tenantId, id });
  await auditBy(principal, {
    action: "feed.revoke",
    target: id,
  });
  return new Response(null, { status: 204, headers: noStore() });
});
