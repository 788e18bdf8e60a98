import { TAXII_MEDIA_TYPE, taxiiManifestRecord } from "@mlsec/core/feeds";
import { recordFeedPull } from "@mlsec/db";
import { taxiiObjectsPage } from "@mlsec/pipeline/feeds";
import { pullerOf } from "@/lib/feed-auth.ts";
import { parseTaxiiPageQuery, withTaxii } from "@/lib/taxii-route.ts";
import { noStore } from "@/lib/no-store.ts";

/**
 * GET /api/v1/taxii2/root/collections/:id/manifest/: the same pages as .../objects/ (same filters,
 * same `next`), each object as a manifest record (id, date_added, version, media_type).
 */
export const GET = withTaxii<{ id: string }>(async (req, feed) => {
  const query = parseTaxiiPageQuery(new URL(req.url));
  if (query instanceof Response) return query;
  const page = await taxiiObjectsPage({ feed, now: new Date(), ...query });
  await recordFeedPull({ feedId: feed.id, from: pullerOf(req), entries: page.indicators });
  const body = {
    more: page.more,
    ...(page.next !== undefined && { next: page.next }),
    objects: page.items.map(taxiiManifestRecord),
  };
  return new Response(JSON.stringify(body), {
    headers: noStore({ "Content-Type": TAXII_MEDIA_TYPE, ...page.headers }),
  });
});
