import { renderTaxiiEnvelope, TAXII_MEDIA_TYPE } from "@mlsec/core/feeds";
import { recordFeedPull } from "@mlsec/db";
import { taxiiObjectsPage } from "@mlsec/pipeline/feeds";
import { pullerOf } from "@/lib/feed-auth.ts";
import { streamResponse } from "@/lib/stream-response.ts";
import { parseTaxiiPageQuery, withTaxii } from "@/lib/taxii-route.ts";

/**
 * GET /api/v1/taxii2/root/collections/:id/objects/?added_after=&limit=&next=&match[type]=: one page
 * of the feed's STIX 2.1 objects in an envelope (`more`, and `next` to pass for the following page),
 * oldest added first, with X-TAXII-Date-Added-First/-Last. gzip when accepted.
 */
export const GET = withTaxii<{ id: string }>(async (req, feed) => {
  const query = parseTaxiiPageQuery(new URL(req.url));
  if (query instanceof Response) return query;
  const page = await taxiiObjectsPage({ feed, now: new Date(), ...query });
  await recordFeedPull({ feedId: feed.id, from: pullerOf(req), entries: page.indicators });
  return streamResponse(req, renderTaxiiEnvelope(page), {
    headers: { "Content-Type": TAXII_MEDIA_TYPE, ...page.headers },
  });
});
