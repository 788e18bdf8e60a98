import { recordFeedPull } from "@mlsec/db";
import { feedBody, isListFormat, LIST_FORMATS } from "@mlsec/pipeline/feeds";
import { matchesEtag, pullerOf, withFeed } from "@/lib/feed-auth.ts";
import { jsonError } from "@/lib/json-error.ts";
import { streamResponse } from "@/lib/stream-response.ts";

/**
 * GET /api/v1/feeds/:id/<format>[?page=N] with the feed's token (X-Api-Key, bearer, basic auth or
 * ?token=): the feed as a list a firewall or IDS loads: edl (PAN-OS, FortiGate, Check Point),
 * nftables (`nft -f`), ipset (`ipset restore`), pf (`pfctl -T replace -f`), zeek (Intel
 * framework), suricata + suricata-categories (iprep), csv, json (lines), stix (2.1 bundle). Any
 * format can be read with any feed's token; the feed's own format is the one its URL names.
 * If-None-Match with the current ETag answers 304; gzip when accepted.
 */
export const GET = withFeed<{ id: string; format: string }>(async (req, feed, params) => {
  if (!isListFormat(params.format))
    return jsonError(404, `unknown feed format; one of ${LIST_FORMATS.join(", ")}, or crowdsec, misp, taxii`);
  const pageText = new URL(req.url).searchParams.get("page");
  const page = pageText === null ? null : Number(pageText);
  if (page !== null && (!Number.isInteger(page) || page < 1))
    return jsonError(400, "page must be an integer >= 1");
  const from = pullerOf(req);
  const body = await feedBody({ feed, format: params.format, page, now: new Date() });
  const headers = { ETag: body.etag, "Cache-Control": "no-cache" };
  if (matchesEtag(req, body.etag)) {
    await recordFeedPull({ feedId: feed.id, from, entries: 0 });
    return new Response(null, { status: 304, headers });
  }
  return streamResponse(
    req,
    body.open((served) => recordFeedPull({ feedId: feed.id, from, entries: served })),
    {
      headers: {
        ...headers,
        "Content-Type": body.contentType,
        "Content-Disposition": `inline; filename="${body.filename}"`,
      },
    },
  );
});
