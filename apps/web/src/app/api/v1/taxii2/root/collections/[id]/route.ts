import { taxiiCollection } from "@mlsec/core/feeds";
import { taxiiJson, withTaxii } from "@/lib/taxii-route.ts";

/** GET /api/v1/taxii2/root/collections/:id/: the collection; another feed's id is 404 (withFeed). */
export const GET = withTaxii<{ id: string }>((_req, feed) =>
  taxiiJson(taxiiCollection({ id: feed.id, title: feed.name })),
);
