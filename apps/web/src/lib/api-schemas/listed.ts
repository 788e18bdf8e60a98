import { z } from "zod";
import { isIsoCountryCode } from "@mlsec/core/geo";
import { formatIpv4, formatIpv6, networkCidrIpNum, parseIp } from "@mlsec/core/net";
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

/** One IPv4 or IPv6 address, as the canonical text decisions store ("2001:DB8:0::1" -> "2001:db8::1"). */
const ZIp = z
  .string()
  .trim()
  .max(64)
  .transform((text, ctx) => {
    const parsed = parseIp(text);
    if (!parsed) {
      ctx.addIssue({ code: "custom", message: "not an IPv4 or IPv6 address" });
      return z.NEVER;
    }
    return parsed.family === 4 ? formatIpv4(parsed.v4) : formatIpv6(parsed.words);
  });

/** An assigned ISO 3166-1 alpha-2 code, any case in, upper case out. */
const ZCountry = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isIsoCountryCode, { message: "not an ISO 3166-1 alpha-2 country code (e.g. DE, US)" });

const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

/**
 * The filter of the listed-addresses view (GET /api/v1/listed and the /listed page's filter form,
 * which submits these names; a saved filter stores its output): every filter narrows (AND); blank
 * fields are no filter.
 */
export const ZListedFilter = z.object({
  bucket: optional(ZBucket),
  ip: optional(ZIp).meta({ description: "one IPv4 or IPv6 address, exactly (any spelling)" }),
  cidr: optional(ZCidr).meta({ description: "address or CIDR the listed address falls in" }),
  asn: optional(z.coerce.number().int().min(0).max(4_294_967_295)),
  country: optional(ZCountry).meta({
    description: "ISO 3166-1 alpha-2 registration country of the address's allocation",
  }),
  min: optional(z.coerce.number().min(0).max(1)).meta({ description: "lowest score" }),
  max: optional(z.coerce.number().min(0).max(1)).meta({ description: "highest score" }),
  day: optional(z.iso.date()).meta({ description: "YYYY-MM-DD: active (has events) that day" }),
  pending: optional(z.enum(["1"])).meta({ description: "1: only addresses without a verdict" }),
});
export type TListedFilterQuery = z.infer<typeof ZListedFilter>;
/** The names a filter has, for forms that carry the current filter along (saving it). */
export const LISTED_FILTER_FIELDS = Object.keys(ZListedFilter.shape) as (keyof TListedFilterQuery)[];

/** Query of GET /api/v1/listed and the /listed page: the filter, a page and the answer's format. */
export const ZListedQuery = ZListedFilter.extend({
  page: optional(z.coerce.number().int().min(1).max(100_000)),
  format: optional(z.enum(["json", "csv"])),
});
export type TListedQuery = z.infer<typeof ZListedQuery>;

/**
 * POST /api/v1/filters and the /listed page's "Save this filter" form: a name and the filter. The
 * filter is strict, so a misspelt field is refused rather than saved as "everything".
 */
export const ZSavedFilterCreate = z.object({
  name: z.string().trim().min(1, "give the filter a name").max(80, "at most 80 characters"),
  filter: ZListedFilter.strict(),
});
export type TSavedFilterCreate = z.infer<typeof ZSavedFilterCreate>;
