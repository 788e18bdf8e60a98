import { recordFeedPull } from "@mlsec/db";
import { openMispFeed } from "@mlsec/pipeline/feeds";
import { pullerOf, withFeed } from "@/lib/feed-auth.ts";
import { jsonError } from "@/lib/json-error.ts";
import { streamResponse } from "@/lib/stream-response.ts";

/**
 * GET <feed url>manifest.json | hashes.csv | <event uuid>.json: the feed as a MISP feed. In MISP:
 * Sync Actions > Feeds > Add Feed, source format "MISP Feed", URL = the feed's url, and an
 * `Authorization` header `Basic base64(mlsec:<token>)` (or `X-Api-Key: <token>`) under Headers.
 */
export const GET = withFeed<{ id: string; file: string }>(async (req, feed, params) => {
  const from = pullerOf(req);
  const misp = await openMispFeed(feed, new Date());
  if (params.file === "manifest.json") {
    await recordFeedPull({ feedId: feed.id, from, entries: 0 });
    return streamResponse(req, await misp.manifest(), { headers: { "Content-Type": "application/json" } });
  }
  if (params.file === "hashes.csv")
    return streamResponse(req, misp.hashes(), { headers: { "Content-Type": "text/csv; charset=utf-8" } });
  const uuid = /^([0-9a-f-]{36})\.json$/.exec(params.file)?.[1];
  const event = uuid ? await misp.event(uuid) : null;
  if (!event) return jsonError(404, "no such event in this feed");
  await recordFeedPull({ feedId: feed.id, from, entries: event.count });
  return streamResponse(req, event.body, { headers: { "Content-Type": "application/json" } });
});
