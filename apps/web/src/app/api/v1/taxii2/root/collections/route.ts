import { taxiiCollection, taxiiCollections } from "@mlsec/core/feeds";
import { taxiiJson, withTaxii } from "@/lib/taxii-route.ts";

/** GET /api/v1/taxii2/root/collections/: the token's feed, its one collection (read-only). */
export const GET = withTaxii((_req, feed) =>
  taxiiJson(taxiiCollections([taxiiCollection({ id: feed.id, title: feed.name })])),
);
