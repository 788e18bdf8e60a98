import { parseIpv4 } from "./parse-ipv4.ts";

/**
 * Hand-rolled IPv6 text parsing into eight 16-bit groups. ip-num validates with a large regular
 * expression and BigInts (about 20 µs per address); logs of scanners rarely repeat an IPv6
 * address, so this runs per line. Returns false unless `text` is a valid IPv6 address.
 */
export function parseIpv6(text: string, groups: Uint16Array): boolean {
  const n = text.length;
  if (n < 2 || n > 45) return false;
  let gap = -1; // group index where "::" sits
  let g = 0;
  let i = 0;
  if (text.startsWith("::")) {
    gap = 0;
    i = 2;
    if (n === 2) {
      groups.fill(0);
      return true;
    }
  } else if (text.charCodeAt(0) === 58) return false;
  while (i < n) {
    if (g >= 8) return false;
    let j = i;
    let v = 0;
    while (j < n && j - i < 5) {
      const c = text.charCodeAt(j);
      const d = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
      if (d < 0) break;
      v = v * 16 + d;
      j++;
    }
    if (j < n && text.charCodeAt(j) === 46) {
      // Embedded dotted IPv4 as the last 32 bits.
      const v4 = parseIpv4(text.slice(i));
      if (v4 < 0 || g > 6) return false;
      groups[g++] = Math.floor(v4 / 65536);
      groups[g++] = v4 & 0xffff;
      i = n;
      break;
    }
    if (j === i || j - i > 4) return false;
    groups[g++] = v;
    if (j === n) {
      i = n;
      break;
    }
    if (text.charCodeAt(j) !== 58) return false;
    if (text.charCodeAt(j + 1) === 58) {
      if (gap >= 0) return false;
      gap = g;
      i = j + 2;
      if (i === n) break;
    } else {
      i = j + 1;
      if (i === n) return false;
    }
  }
  if (gap < 0) return g === 8;
  if (g > 7) return false;
  const tail = g - gap;
  for (let k = 0; k < tail; k++) groups[7 - k] = groups[g - 1 - k] ?? 0;
  for (let k = gap; k < 8 - tail; k++) groups[k] = 0;
  return true;
}

// One RFC 5952 formatter for the whole code base lives in net/.
export { formatIpv6Groups as formatIpv6 } from "../net/format-ip.ts";
