import { z } from "zod";
import { canonicalIp } from "./canonical-ip.ts";

/**
 * The `:ip` segment of GET /api/v1/ips/:ip/why: an address (IPv6 may arrive percent-encoded),
 * turned into the canonical text rollups and reports use. Text that is not an address fails.
 */
export const ZIpWhyParams = z.object({
  ip: z.string().transform((segment, ctx) => {
    const ip = canonicalIp(segment);
    if (ip === null) {
      ctx.addIssue({ code: "custom", message: "not an IP address" });
      return z.NEVER;
    }
    return ip;
  }),
});
export type TIpWhyParams = z.output<typeof ZIpWhyParams>;
