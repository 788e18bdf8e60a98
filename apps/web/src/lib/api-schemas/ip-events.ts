import { z } from "zod";

/** GET /api/v1/ips/:ip/events?day=YYYY-MM-DD: one UTC day's sample, or every sampled day; a bad day is a 400. */
export const ZIpEventsQuery = z.object({
  day: z.iso.date().optional().meta({ description: "YYYY-MM-DD: only this UTC day's sampled events" }),
});
export type TIpEventsQuery = z.infer<typeof ZIpEventsQuery>;
