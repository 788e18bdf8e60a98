import { z } from "zod";

// The CrowdSec Local API query strings of a feed, for the OpenAPI document. The routes read them
// from URLSearchParams as the bouncers send them (canonicalIp, parseListValue, startup=true), so
// these describe that reading rather than replace it.

/** GET <feed>/crowdsec/v1/decisions: a live-mode bouncer's lookup of one address or range. */
export const ZCrowdsecLookupQuery = z.object({
  ip: z.string().optional().meta({ description: "an address: its decisions" }),
  range: z.string().optional().meta({ description: "a CIDR: the decisions inside it" }),
});

/** GET <feed>/crowdsec/v1/decisions/stream: what a stream-mode bouncer polls. */
export const ZCrowdsecStreamQuery = z.object({
  startup: z.enum(["true", "false"]).optional().meta({
    description: "true: every decision the feed serves; otherwise only the changes since its last pull",
  }),
});
