import { taxiiApiRoot } from "@mlsec/core/feeds";
import { taxiiJson, withTaxii } from "@/lib/taxii-route.ts";

/**
 * GET /api/v1/taxii2/root/: the API root. Collections are read-only (a feed is pulled, never
 * pushed to), so it accepts no request body: max_content_length 0.
 */
export const GET = withTaxii(() => taxiiJson(taxiiApiRoot({ title: "mlsec feeds", maxContentLength: 0 })));
