import { z } from "zod";
import { networkCidrIpNum, parseIp } from "@mlsec/core/net";
import { ZBucket } from "@mlsec/core/report";

export const LISTED_PAGE_SIZE = 100;
/** A CSV of a filtered view holds at most this many rows; the count says when more matched. */
export const LISTED_CSV_MAX = 100_000;

/** "192.0.2.0/24", "2001:db8::/48" or one address, as the canonical network; anything else fails. */
const ZCidr = z
  .string()
  .trim()
  .max(64)
  .transform((text, ctx) => {
    const [ip = "", prefixText] = text.split("/");
    const parsed = parseIp(ip);
    const max = parsed?.family === 6 ? 128 : 32;
    const prefix = prefixText === undefined ? max : Number(prefixText);
    // parseIp accepts only what ip-num can read, so networkCidrIpNum cannot throw past this check.
    const cidr =
      parsed && Number.isInteger(prefix) && prefix >= 0 && prefix <= max
        ? networkCidrIpNum(ip, prefix)
        : null;
    if (!cidr) {
      ctx.addIssue({ code: "custom", message: "not an IPv4 or IPv6 address or CIDR" });
      return z.NEVER;
    }
    return cidr;
  });

const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

/**
 * Query of the listed-addresses view (GET /api/v1/listed and the /listed page's filter form, which
 * submits these names): every filter narrows; blank fields are no filter.
 */
export const ZListedQuery = z.object({
  bucket: optional(ZBucket),
  cidr: optional(ZCidr).meta({ description: "address or CIDR the listed address falls in" }),
  asn: optional(z.coerce.number().int().min(0).max(4_294_967_295)),
  min: optional(z.coerce.number().min(0).max(1)).meta({ description: "lowest score" }),
  max: optional(z.coerce.number().min(0).max(1)).meta({ description: "highest score" }),
  day: optional(z.iso.date()).meta({ description: "YYYY-MM-DD: active (has events) that day" }),
  pending: optional(z.enum(["1"])).meta({ description: "1: only addresses without a verdict" }),
  page: optional(z.coerce.number().int().min(1).max(100_000)),
  format: optional(z.enum(["json", "csv"])),
});
export type TListedQuery = z.infer<typeof ZListedQuery>;
