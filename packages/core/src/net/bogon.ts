import { parseIp } from "./parse-ip.ts";

/**
 * Special-purpose ranges (IANA registries, RFC 6890 and successors). Traffic from them is either
 * internal, spoofed or documentation: such addresses keep their own rank but never make an internet
 * neighbourhood or AS look bad.
 */
const V4_BOGONS: [string, number][] = [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.88.99.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
];

/** Inside global unicast 2000::/3, the special blocks; everything outside 2000::/3 is not internet unicast. */
const V6_BOGONS_IN_GLOBAL: [number, number, number][] = [
  // [first word, second word, prefix]
  [0x20010000, 0, 32], // Teredo
  [0x20010002, 0, 48], // benchmarking
  [0x20010010, 0, 28], // ORCHID
  [0x20010020, 0, 28], // ORCHIDv2
  [0x20010db8, 0, 32], // documentation
  [0x20020000, 0, 16], // 6to4
  [0x3fff0000, 0, 20], // documentation (RFC 9637)
];

const V4_RANGES: [number, number][] = V4_BOGONS.map(([net, prefix]) => {
  const parsed = parseIp(net);
  const start = parsed?.family === 4 ? parsed.v4 : 0;
  return [start, start + 2 ** (32 - prefix) - 1];
});

export function isBogonV4(value: number): boolean {
  for (const [start, end] of V4_RANGES) if (value >= start && value <= end) return true;
  return false;
}

export function isBogonV6(words: ArrayLike<number>, offset = 0): boolean {
  const w0 = words[offset] ?? 0;
  if (w0 >>> 29 !== 1) return true;
  for (const [b0, , prefix] of V6_BOGONS_IN_GLOBAL) {
    // All listed blocks are /32 or shorter on the first word, or /48 for benchmarking.
    if (prefix <= 32) {
      const mask = prefix === 32 ? 0xffffffff : ~(0xffffffff >>> prefix) >>> 0;
      if ((w0 & mask) >>> 0 === b0) return true;
    } else if (w0 === b0 && (words[offset + 1] ?? 0) >>> 16 === 0) return true;
  }
  return false;
}

/** True for addresses that belong to an internet neighbourhood (not private, reserved or special). */
export function isInternetAddress(text: string): boolean {
  const parsed = parseIp(text);
  if (!parsed) return false;
  return parsed.family === 4 ? !isBogonV4(parsed.v4) : !isBogonV6(parsed.words);
}
