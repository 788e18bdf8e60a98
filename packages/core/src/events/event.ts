import { z } from "zod";
import { ZAction } from "../rollup/ip-day-rollup.ts";
import { FORMAT_NAMES } from "./format-names.ts";

export { FORMAT_NAMES, type TFormatName } from "./format-names.ts";
export const ZFormatName = z.enum(FORMAT_NAMES);

/**
 * Where a source address sits. Only "public" sources are internet neighbourhoods: the ranking
 * engine ignores the others when summing over /24, /16, /64, /48 and AS, but they are still
 * counted and rolled up so nothing in a customer's log silently disappears.
 */
export const ADDRESS_CLASSES = ["public", "private", "reserved", "bogon"] as const;
export const ZAddressClass = z.enum(ADDRESS_CLASSES);
export type TAddressClass = z.infer<typeof ZAddressClass>;

/** One normalised log event. */
export const ZEvent = z.object({
  /** ISO 8601 UTC with milliseconds. */
  time: z.string(),
  /** Canonical source address: dotted IPv4 (IPv4-mapped IPv6 unwrapped) or compressed lowercase IPv6. */
  src: z.string().min(2),
  srcClass: ZAddressClass,
  srcPort: z.number().int().min(0).max(65535).nullable(),
  dst: z.string().nullable(),
  dstPort: z.number().int().min(0).max(65535).nullable(),
  /** Lower-case protocol name ("tcp", "udp", "icmp", ...) or the IP protocol number as text. */
  proto: z.string().nullable(),
  action: ZAction,
  /** Host or sensor that logged the event, when the format names one. */
  sensor: z.string().nullable(),
  format: ZFormatName,
  /** 1-based line number in the decompressed stream. */
  line: z.number().int().positive(),
  /** Byte offset of the line's first byte in the decompressed stream. */
  offset: z.number().int().nonnegative(),
  /** How many occurrences this line stands for (DShield lines carry a count); usually 1. */
  count: z.number().int().positive(),
});
export type TEvent = z.infer<typeof ZEvent>;
