import { formatIpv6, parseIpv6 } from "./parse-ipv6.ts";
import { parseIpv4, formatIpv4 } from "./parse-ipv4.ts";

// Logs repeat addresses; a bounded cache keeps IPv6 work per distinct address rather than per line.
const CACHE_LIMIT = 50_000;
const v6Cache = new Map<string, string | null>();

/**
 * Canonical text of an address as it appears in a log: dotted IPv4, or RFC 5952 compressed
 * lowercase IPv6. IPv4-mapped IPv6 (`::ffff:192.0.2.1`) becomes the IPv4 it carries; square
 * brackets and a zone index (`fe80::1%eth0`) are dropped. Returns null for anything else.
 */
export function normaliseAddress(raw: string): string | null {
  let text = raw;
  if (text.length > 2 && text.charCodeAt(0) === 91 && text.charCodeAt(text.length - 1) === 93)
    text = text.slice(1, -1);
  const v4 = parseIpv4(text);
  if (v4 >= 0) return text;
  if (text.indexOf(":") < 0 || text.length > 64) return null;
  const zone = text.indexOf("%");
  if (zone >= 0) text = text.slice(0, zone);
  const cached = v6Cache.get(text);
  if (cached !== undefined) return cached;
  const result = normaliseIpv6(text);
  if (v6Cache.size >= CACHE_LIMIT) v6Cache.clear();
  // Copy the key: `text` may be a slice of a whole read chunk, which a cached slice would pin.
  v6Cache.set((" " + text).slice(1), result);
  return result;
}

const groups = new Uint16Array(8);

function normaliseIpv6(text: string): string | null {
  if (!parseIpv6(text, groups)) return null;
  // IPv4-mapped ::ffff:a.b.c.d is the IPv4 host itself.
  if (
    groups[0] === 0 &&
    groups[1] === 0 &&
    groups[2] === 0 &&
    groups[3] === 0 &&
    groups[4] === 0 &&
    groups[5] === 0xffff
  ) {
    return formatIpv4((groups[6] ?? 0) * 65536 + (groups[7] ?? 0));
  }
  return formatIpv6(groups);
}
