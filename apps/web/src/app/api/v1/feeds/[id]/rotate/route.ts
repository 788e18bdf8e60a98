import { getFeed, rotateFeedToken } from "@mlsec/db";
import { feedView } from "@/lib/feed-url.ts";
import { withPrincipal } from "@/lib/with-principal.ts";
import { jsonOk } from "@/lib/json-ok.ts";
import { auditBy } from "@/lib/audit-by.ts";

type TCtx = { params: Promise<{ id: string }> };

/** POST /api/v1/feeds/:id/rotate -> {token, ...}: a new token, shown once; the old one stops at once. */
export const POST = withPrincipal<TCtx>("feedback", async (_req, principal, ctx) => {
  const { id } = await ctx.params;
  const token = await rotateFeedToken({ tenantId: principal.tenantId, id });
  await auditBy(principal, {
    action: "feed.rotate",
    target: id,
  });
  const feed = await getFeed({ tenantId: principal.tenantId, id });
  return jsonOk({ ...feedView(feed), token });
});
