/** Dotted-quad text of an unsigned 32-bit IPv4 value. */
export function formatIpv4(value: number): string {
  return `${value >>> 24}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
}

const GROUPS = new Uint16Array(8);

/** RFC 5952 text (lowercase, longest run of two or more zero groups compressed) of four words. */
export function formatIpv6(words: ArrayLike<number>, offset = 0): string {
  for (let w = 0; w < 4; w++) {
    const v = words[offset + w] ?? 0;
    GROUPS[2 * w] = v >>> 16;
    GROUPS[2 * w + 1] = v & 0xffff;
  }
  return formatIpv6Groups(GROUPS);
}

/** RFC 5952 text of eight 16-bit groups: lowercase, no leading zeros, the longest run (>= 2) of zero groups as "::". */
export function formatIpv6Groups(groups: ArrayLike<number>): string {
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  let out = "";
  for (let i = 0; i < 8; i++) {
    if (i === bestStart) {
      out += i === 0 ? "::" : ":";
      i += bestLen - 1;
      continue;
    }
    out += (groups[i] ?? 0).toString(16);
    if (i < 7) out += ":";
  }
  return out;
}
