import { getFeed, recordAudit, rotateFeedToken } from "@mlsec/db";
import { actorOf } from "@/lib/authenticate-request.ts";
import { feedView } from "@/lib/feed-url.ts";
import { withPrincipal } from "@/lib/with-principal.ts";
import { jsonOk } from "@/lib/json-ok.ts";

type TCtx = { params: Promise<{ id: string }> };

/** POST /api/v1/feeds/:id/rotate -> {token, ...}: a new token, shown once; the old one stops at once. */
export const POST = withPrincipal<TCtx>("feedback", async (_req, principal, ctx) => {
  const { id } = await ctx.params;
  const token = await rotateFeedToken({ tenantId: principal.tenantId, id });
  await recordAudit({
    tenantId: principal.tenantId,
    actor: actorOf(principal),
    action: "feed.rotate",
    target: id,
  });
  const feed = await getFeed({ tenantId: principal.tenantId, id });
  return jsonOk({ ...feedView(feed), token });
});
