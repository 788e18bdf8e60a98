import { formatIpv4, formatIpv6 } from "./format-ip.ts";
import { parseIp } from "./parse-ip.ts";

/**
 * Neighbourhood arithmetic on parsed addresses. IPv6 neighbourhoods stop at /64: below that a
 * prefix is one subscriber's LAN, so /64 is the IPv6 analogue of a single IPv4 host.
 */
export const MAX_V6_NEIGHBOURHOOD_PREFIX = 64;

/** Network number of an IPv4 value at a prefix length (1..32), as an unsigned integer < 2^prefix. */
export function v4NetworkNumber(value: number, prefix: number): number {
  return prefix >= 32 ? value >>> 0 : value >>> (32 - prefix);
}

/** Compact map key of the IPv6 network holding words[offset..] at a prefix (1..64). */
export function v6NetworkKey(words: ArrayLike<number>, prefix: number, offset = 0): string {
  const w0 = words[offset] ?? 0;
  const w1 = words[offset + 1] ?? 0;
  if (prefix <= 32) return `${prefix}:${maskWord(w0, prefix).toString(16)}`;
  return `${prefix}:${w0.toString(16)}:${maskWord(w1, prefix - 32).toString(16)}`;
}

/** CIDR text of an IPv4 network number produced by v4NetworkNumber. */
export function v4NetworkCidr(network: number, prefix: number): string {
  return `${formatIpv4(prefix >= 32 ? network : network * 2 ** (32 - prefix))}/${prefix}`;
}

/** CIDR text of a key produced by v6NetworkKey. */
export function v6NetworkCidr(key: string): string {
  const parts = key.split(":");
  const prefix = Number(parts[0]);
  const words = [parseInt(parts[1] ?? "0", 16), parseInt(parts[2] ?? "0", 16), 0, 0];
  return `${formatIpv6(words)}/${prefix}`;
}

/** Addresses a neighbourhood of this prefix stands for: IPv4 addresses, or IPv6 /64 subnets. */
export function neighbourhoodSize(family: 4 | 6, prefix: number): number {
  return family === 4 ? 2 ** (32 - prefix) : 2 ** (MAX_V6_NEIGHBOURHOOD_PREFIX - prefix);
}

function maskWord(word: number, bits: number): number {
  if (bits <= 0) return 0;
  if (bits >= 32) return word >>> 0;
  return (word & ~(0xffffffff >>> bits)) >>> 0;
}

/** CIDR text of the neighbourhood holding `ip` (fast path), or null for invalid text. */
export function networkCidr(ip: string, prefix: number): string | null {
  const parsed = parseIp(ip);
  if (!parsed) return null;
  if (parsed.family === 4) return v4NetworkCidr(v4NetworkNumber(parsed.v4, prefix), prefix);
  if (prefix > MAX_V6_NEIGHBOURHOOD_PREFIX) return null;
  return v6NetworkCidr(v6NetworkKey(parsed.words, prefix));
}
