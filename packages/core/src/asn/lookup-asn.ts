import { parseIpv4, parseIpv6 } from "../net/parse-ip.ts";
import { compareWords, type TAsnTable, V4_BUCKET_SHIFT, V6_BUCKET_SHIFT } from "./asn-table.ts";

/** AS index (into table.asns/orgs) of an IPv4 value, or -1 when no announced range holds it. */
export function lookupAsIndexV4(table: TAsnTable, ip: number): number {
  const starts = table.v4Start;
  const bucket = ip >>> V4_BUCKET_SHIFT;
  // Ranges starting inside the bucket, else the one before it (which may span into the bucket).
  let lo = table.v4Buckets[bucket] ?? 0;
  let hi = (table.v4Buckets[bucket + 1] ?? 0) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if ((starts[mid] ?? 0) <= ip) lo = mid + 1;
    else hi = mid - 1;
  }
  if (hi < 0 || (table.v4End[hi] ?? 0) < ip) return -1;
  return table.v4As[hi] ?? -1;
}

/** AS index of an IPv6 address given as four words at words[offset..], or -1. */
export function lookupAsIndexV6(table: TAsnTable, words: ArrayLike<number>, offset = 0): number {
  const starts = table.v6Start;
  const bucket = (words[offset] ?? 0) >>> V6_BUCKET_SHIFT;
  let lo = table.v6Buckets[bucket] ?? 0;
  let hi = (table.v6Buckets[bucket + 1] ?? 0) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (compareWords(starts, mid * 4, words, offset) <= 0) lo = mid + 1;
    else hi = mid - 1;
  }
  if (hi < 0 || compareWords(table.v6End, hi * 4, words, offset) < 0) return -1;
  return table.v6As[hi] ?? -1;
}

/** Origin AS of an address in text form, or null when it is invalid or unannounced. */
export function lookupAsn(table: TAsnTable, ip: string): { asn: number; org: string } | null {
  const idx = lookupAsIndex(table, ip);
  if (idx < 0) return null;
  return { asn: table.asns[idx] ?? 0, org: table.orgs[idx] ?? "" };
}

const WORDS = new Uint32Array(4);

/** AS index of an address in text form, or -1; allocation-free (IPv4-mapped IPv6 looks up as IPv4). */
export function lookupAsIndex(table: TAsnTable, ip: string): number {
  const v4 = parseIpv4(ip);
  if (v4 >= 0) return lookupAsIndexV4(table, v4);
  if (!parseIpv6(ip, WORDS)) return -1;
  if (WORDS[0] === 0 && WORDS[1] === 0 && WORDS[2] === 0xffff) return lookupAsIndexV4(table, WORDS[3] ?? 0);
  return lookupAsIndexV6(table, WORDS);
}

/** Addresses an AS announces: IPv4 addresses and IPv6 /64 subnets (both 0 for an unknown AS). */
export function announcedSize(table: TAsnTable, asn: number): { v4: number; v6Slash64: number } {
  const idx = table.asIndex.get(asn);
  if (idx === undefined) return { v4: 0, v6Slash64: 0 };
  return { v4: table.v4Size[idx] ?? 0, v6Slash64: table.v6Size64[idx] ?? 0 };
}
