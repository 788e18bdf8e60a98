import { formatIpv4, formatIpv6 } from "../net/format-ip.ts";
import { parseIp } from "../net/parse-ip.ts";

/** Canonical address text (the rollup contract's form), or null when the text is not an address. */
export function canonicalIp(text: string): string | null {
  const p = parseIp(text.trim());
  if (!p) return null;
  return p.family === 4 ? formatIpv4(p.v4) : formatIpv6(p.words);
}

export type TCidrRange =
  { family: 4; start: number; end: number } | { family: 6; start: bigint; end: bigint };

/** `a.b.c.d/n` or `x::/n` as an inclusive range; a bare address is its own /32 or /128. */
export function parseCidr(text: string): TCidrRange | null {
  const [addr = "", bitsText] = text.trim().split("/");
  const p = parseIp(addr);
  if (!p) return null;
  const max = p.family === 4 && !addr.includes(":") ? 32 : 128;
  const bits = bitsText === undefined ? max : Number(bitsText);
  if (!Number.isInteger(bits) || bits < 0 || bits > max) return null;
  if (p.family === 4) {
    // IPv4-mapped IPv6 CIDRs (::ffff:a.b.c.d/n) carry 96 extra bits of prefix.
    const v4bits = max === 128 ? bits - 96 : bits;
    if (v4bits < 0) return null;
    const size = 2 ** (32 - v4bits);
    const start = Math.floor(p.v4 / size) * size;
    return { family: 4, start, end: start + size - 1 };
  }
  let value = 0n;
  for (const w of p.words) value = (value << 32n) | BigInt(w);
  const size = 1n << BigInt(128 - bits);
  const start = (value / size) * size;
  return { family: 6, start, end: start + size - 1n };
}

/** IPv6 address text as a 128-bit integer (for range tests), or null. */
export function ipv6Value(text: string): bigint | null {
  const p = parseIp(text);
  if (!p || p.family !== 6) return null;
  let value = 0n;
  for (const w of p.words) value = (value << 32n) | BigInt(w);
  return value;
}
