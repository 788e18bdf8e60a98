import { taxiiDiscovery } from "@mlsec/core/feeds";
import { taxiiApiRootUrl, taxiiJson, withTaxii } from "@/lib/taxii-route.ts";

/**
 * GET /api/v1/taxii2/ with a TAXII feed's token (basic auth with the token as password, or bearer):
 * TAXII 2.1 discovery, naming the one API root. Accept must allow application/taxii+json;version=2.1.
 */
export const GET = withTaxii(() =>
  taxiiJson(
    taxiiDiscovery({
      title: "mlsec",
      description: "The decisions of this feed as STIX 2.1 indicators",
      apiRoots: [taxiiApiRootUrl()],
      defaultApiRoot: taxiiApiRootUrl(),
    }),
  ),
);
