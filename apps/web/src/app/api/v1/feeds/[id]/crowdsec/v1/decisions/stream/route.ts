import { recordFeedPull } from "@mlsec/db";
import { crowdsecStreamBody } from "@mlsec/pipeline/feeds";
import { pullerOf, withFeed } from "@/lib/feed-auth.ts";
import { streamResponse } from "@/lib/stream-response.ts";

/**
 * GET <feed url>v1/decisions/stream?startup=true|false, header X-Api-Key: the CrowdSec Local API
 * call every bouncer polls (docs/crowdsec-lapi.md). startup=true: every decision the feed serves;
 * then only those new since this feed's last pull and deletions of those it no longer serves. The
 * bouncer's other query parameters (scopes, origins, scenarios) filter what a LAPI holds from
 * many sources; a feed holds one origin and the scopes it serves, so they change nothing.
 */
export const GET = withFeed<{ id: string }>((req, feed) => {
  const startup = new URL(req.url).searchParams.get("startup") === "true";
  const from = pullerOf(req);
  const body = crowdsecStreamBody({
    feed,
    startup,
    now: new Date(),
    done: (served) => recordFeedPull({ feedId: feed.id, from, entries: served }),
  });
  return streamResponse(req, body, { headers: { "Content-Type": "application/json" } });
});
