import { z } from "zod";
import { createFeed, listFeeds, recordAudit } from "@mlsec/db";
import { ZFeedCreate } from "@/lib/api-schemas/feeds.ts";
import { actorOf } from "@/lib/authenticate-request.ts";
import { feedView } from "@/lib/feed-url.ts";
import { jsonError } from "@/lib/json-error.ts";
import { readJsonBody } from "@/lib/read-json-body.ts";
import { withPrincipal } from "@/lib/with-principal.ts";
import { jsonOk } from "@/lib/json-ok.ts";

/** GET /api/v1/feeds: the tenant's feeds with their settings, URLs and last pulls (revoked ones too). */
export const GET = withPrincipal("read", async (_req, principal) => {
  const feeds = await listFeeds(principal.tenantId);
  return jsonOk({ feeds: feeds.map(feedView) });
});

/**
 * POST /api/v1/feeds {"name","format",...filter} -> 201 {id, token, url, ...}: the token is shown
 * this once. Scope "feedback" (analyst and above): the people who decide what is blocked decide
 * where it is enforced; a feed token can only read its own feed.
 */
export const POST = withPrincipal("feedback", async (req, principal) => {
  const parsed = ZFeedCreate.safeParse(await readJsonBody(req));
  if (!parsed.success) return jsonError(400, "invalid feed", { issues: z.flattenError(parsed.error) });
  const actor = actorOf(principal);
  const { feed, token } = await createFeed({
    tenantId: principal.tenantId,
    createdBy: actor,
    settings: parsed.data,
  });
  await recordAudit({
    tenantId: principal.tenantId,
    actor,
    action: "feed.create",
    target: feed.id,
    detail: { name: feed.name, format: feed.format },
  });
  return jsonOk({ ...feedView(feed), token }, { status: 201 });
});
