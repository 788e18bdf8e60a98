/**
 * Hand-rolled address parsers. ip-num does the same job at ~50k addresses/s (measured, see
 * docs/benchmarks.md); ranking and AS lookup touch tens of millions of addresses, so these parse
 * straight into integers without allocating.
 */

/** Dotted-quad IPv4 to an unsigned 32-bit integer, or -1 when the text is not one. */
export function parseIpv4(text: string): number {
  const len = text.length;
  if (len < 7 || len > 15) return -1;
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < len; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || dots === 3) return -1;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57) {
      // Leading zeros are ambiguous (octal in some parsers), so they are refused like ip-num does.
      if (digits > 0 && octet === 0) return -1;
      octet = octet * 10 + (c - 48);
      if (octet > 255 || ++digits > 3) return -1;
    } else return -1;
  }
  if (dots !== 3 || digits === 0) return -1;
  return value * 256 + octet;
}

/**
 * IPv6 text (with `::` compression and an optional trailing dotted quad) into four big-endian
 * 32-bit words written to `out[offset..offset+3]`. Returns false for invalid text. Zone ids are refused.
 */
/** Reused scratch: parsing is synchronous, and a fresh array per address showed in profiles. */
const GROUPS = new Uint16Array(8);

export function parseIpv6(text: string, out: Uint32Array, offset = 0): boolean {
  const len = text.length;
  if (len < 2 || len > 45) return false;
  const groups = GROUPS;
  groups.fill(0);
  let count = 0;
  let gap = -1;
  let i = 0;
  if (text.charCodeAt(0) === 58) {
    if (text.charCodeAt(1) !== 58) return false;
    gap = 0;
    i = 2;
    if (len === 2) {
      out.fill(0, offset, offset + 4);
      return true;
    }
  }
  while (i < len) {
    let value = 0;
    let digits = 0;
    const start = i;
    while (i < len) {
      const c = text.charCodeAt(i);
      let d: number;
      if (c >= 48 && c <= 57) d = c - 48;
      else if (c >= 97 && c <= 102) d = c - 87;
      else if (c >= 65 && c <= 70) d = c - 55;
      else break;
      value = value * 16 + d;
      digits++;
      i++;
    }
    if (i < len && text.charCodeAt(i) === 46) {
      // Embedded IPv4 in the last 32 bits (e.g. ::ffff:1.2.3.4).
      const v4 = parseIpv4(text.slice(start));
      if (v4 < 0 || count > 6) return false;
      groups[count++] = v4 >>> 16;
      groups[count++] = v4 & 0xffff;
      i = len;
      break;
    }
    if (digits === 0 || digits > 4 || count >= 8) return false;
    groups[count++] = value;
    if (i === len) break;
    if (text.charCodeAt(i) !== 58) return false;
    i++;
    if (i < len && text.charCodeAt(i) === 58) {
      if (gap >= 0) return false;
      gap = count;
      i++;
      if (i === len) break;
    } else if (i === len) return false;
  }
  if (gap >= 0) {
    if (count > 7) return false;
    const move = count - gap;
    for (let k = 0; k < move; k++) groups[7 - k] = groups[count - 1 - k] ?? 0;
    for (let k = gap; k < 8 - move; k++) groups[k] = 0;
  } else if (count !== 8) return false;
  for (let w = 0; w < 4; w++)
    out[offset + w] = (((groups[2 * w] ?? 0) << 16) | (groups[2 * w + 1] ?? 0)) >>> 0;
  return true;
}

export type TParsedIp = { family: 4; v4: number } | { family: 6; words: Uint32Array };

/** Either family; IPv4-mapped IPv6 (::ffff:a.b.c.d) is unwrapped to IPv4, as the rollup contract does. */
export function parseIp(text: string): TParsedIp | null {
  const v4 = parseIpv4(text);
  if (v4 >= 0) return { family: 4, v4 };
  const words = new Uint32Array(4);
  if (!parseIpv6(text, words)) return null;
  if (words[0] === 0 && words[1] === 0 && words[2] === 0xffff) return { family: 4, v4: words[3] ?? 0 };
  return { family: 6, words };
}
