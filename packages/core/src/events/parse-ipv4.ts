/**
 * Strict dotted-quad IPv4 parsing straight from bytes, for the ingest hot loop: no string is
 * created. Leading zeros ("010.1.1.1") are refused because some tools read them as octal.
 * Returns the address as an unsigned 32-bit number, or -1 when [start, end) is not an IPv4.
 */
export function parseIpv4Bytes(buf: Uint8Array, start: number, end: number): number {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = start; i < end; i++) {
    const c = buf[i] ?? 0;
    if (c >= 48 && c <= 57) {
      if (digits === 1 && octet === 0) return -1;
      octet = octet * 10 + (c - 48);
      if (++digits > 3 || octet > 255) return -1;
    } else if (c === 46) {
      if (digits === 0 || ++dots > 3) return -1;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
    } else return -1;
  }
  if (dots !== 3 || digits === 0) return -1;
  return value * 256 + octet;
}

// The string parser and the formatter are the address helpers' in net/, shared with ranking.
export { parseIpv4 } from "../net/parse-ip.ts";
export { formatIpv4 } from "../net/format-ip.ts";

/** parseIpv4 over text[start, end) without slicing (the hot loop works on latin1 chunk strings). */
export function parseIpv4At(text: string, start: number, end: number): number {
  if (end - start < 7 || end - start > 15) return -1;
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (digits === 1 && octet === 0) return -1;
      octet = octet * 10 + (c - 48);
      if (++digits > 3 || octet > 255) return -1;
    } else if (c === 46) {
      if (digits === 0 || ++dots > 3) return -1;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
    } else return -1;
  }
  if (dots !== 3 || digits === 0) return -1;
  return value * 256 + octet;
}
