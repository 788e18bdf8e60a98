import { z } from "zod";

/**
 * GET .../objects/ and .../manifest/: the TAXII 2.1 filters this server supports, as the OpenAPI
 * document shows them (lib/taxii-route.ts parseTaxiiPageQuery reads them, answering TAXII errors).
 */
export const ZTaxiiPageQuery = z.object({
  added_after: z.string().optional().meta({
    description:
      "RFC 3339 UTC timestamp: only objects added strictly after it (e.g. the last X-TAXII-Date-Added-Last)",
  }),
  limit: z.string().optional().meta({ description: "objects per page, at most 10000 (the default)" }),
  next: z.string().optional().meta({ description: "the `next` of the previous page" }),
  "match[type]": z
    .string()
    .optional()
    .meta({ description: "comma-separated STIX types: identity (the tenant), indicator" }),
});
