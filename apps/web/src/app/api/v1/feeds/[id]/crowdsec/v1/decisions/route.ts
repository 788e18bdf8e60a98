import { canonicalIp } from "@mlsec/core/ip-lists";
import { parseListValue } from "@mlsec/core/score";
import { recordFeedPull } from "@mlsec/db";
import { crowdsecLookupBody } from "@mlsec/pipeline/feeds";
import { pullerOf, withFeed } from "@/lib/feed-auth.ts";
import { jsonError } from "@/lib/json-error.ts";
import { streamResponse } from "@/lib/stream-response.ts";

/**
 * GET <feed url>v1/decisions?ip=<address>|range=<cidr>: the Local API lookup of bouncers in live
 * mode: the feed's decisions for the address (or inside the range), `null` when none.
 */
export const GET = withFeed<{ id: string }>((req, feed) => {
  const params = new URL(req.url).searchParams;
  const ipText = params.get("ip");
  const rangeText = params.get("range");
  const ip = ipText === null ? null : canonicalIp(ipText);
  const range = rangeText === null ? null : rangeText.trim();
  if (ipText !== null && ip === null) return jsonError(400, "ip is not an address");
  if (range !== null && parseListValue(range)?.type !== "range") return jsonError(400, "range is not a CIDR");
  const from = pullerOf(req);
  const body = crowdsecLookupBody({
    feed,
    ip,
    range,
    now: new Date(),
    done: (served) => recordFeedPull({ feedId: feed.id, from, entries: served }),
  });
  return streamResponse(req, body, { headers: { "Content-Type": "application/json" } });
});
