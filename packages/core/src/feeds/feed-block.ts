import { formatIpv4, formatIpv6 } from "../net/format-ip.ts";
import { parseCidr } from "../ip-lists/ip-text.ts";

/** A decision's value as an aligned block: network address and prefix length, per family. */
export type TFeedBlock = { family: 4 | 6; start: bigint; bits: number };

export const FAMILY_BITS = { 4: 32, 6: 128 } as const;

/**
 * "192.0.2.7", "2001:db8::/32" or "192.0.2.9/24" (host bits are cleared) as a block, or null when
 * the text is neither an address nor a CIDR. IPv4-mapped IPv6 counts as IPv4, as everywhere else.
 */
export function parseFeedBlock(value: string): TFeedBlock | null {
  // parseCidr reads "a.b.c.d/" as /0 (Number("") is 0); a feed must not turn a typo into everything.
  const slash = value.indexOf("/");
  if (slash >= 0 && !/^\d{1,3}$/.test(value.slice(slash + 1).trim())) return null;
  const r = parseCidr(value);
  if (!r) return null;
  if (r.family === 4) {
    const size = r.end - r.start + 1;
    return { family: 4, start: BigInt(r.start), bits: 32 - Math.log2(size) };
  }
  const size = r.end - r.start + 1n;
  return { family: 6, start: r.start, bits: 128 - (size.toString(2).length - 1) };
}

/** Address text of a block's start (RFC 5952 for IPv6). */
export function formatAddress(family: 4 | 6, value: bigint): string {
  if (family === 4) return formatIpv4(Number(value));
  const words = [
    Number((value >> 96n) & 0xffffffffn),
    Number((value >> 64n) & 0xffffffffn),
    Number((value >> 32n) & 0xffffffffn),
    Number(value & 0xffffffffn),
  ];
  return formatIpv6(words);
}

/** A bare address for a single-address block, else "network/bits". */
export function formatBlock(block: TFeedBlock): string {
  const addr = formatAddress(block.family, block.start);
  return block.bits === FAMILY_BITS[block.family] ? addr : `${addr}/${block.bits}`;
}

/** Last address of the block. */
export function blockEnd(block: TFeedBlock): bigint {
  return block.start + (1n << BigInt(FAMILY_BITS[block.family] - block.bits)) - 1n;
}
