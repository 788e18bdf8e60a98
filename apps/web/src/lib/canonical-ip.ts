import { formatIpv4, formatIpv6, parseIp } from "@mlsec/core/net";

/** The canonical text of an address from a URL segment (the form rollups and reports use), or null. */
export function canonicalIp(segment: string): string | null {
  let text: string;
  try {
    text = decodeURIComponent(segment).trim();
  } catch {
    return null;
  }
  if (text.length > 64) return null;
  const parsed = parseIp(text);
  if (!parsed) return null;
  return parsed.family === 4 ? formatIpv4(parsed.v4) : formatIpv6(parsed.words);
}
