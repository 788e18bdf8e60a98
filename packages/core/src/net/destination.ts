import { BlockList, isIP } from "node:net";

/**
 * Which addresses an outbound request on a tenant's behalf (a webhook) may reach. A tenant names the
 * URL, so without this the worker would POST to our own Redis, PostgreSQL, the cloud metadata
 * service or anything else on the private network it sits in (SSRF). Node's BlockList does the
 * range arithmetic; the ranges are IANA's special-purpose registries (RFC 6890 and successors).
 */
const V4_RANGES: [string, number, string][] = [
  ["0.0.0.0", 8, "unspecified ('this network')"],
  ["127.0.0.0", 8, "loopback"],
  ["10.0.0.0", 8, "private (RFC 1918)"],
  ["172.16.0.0", 12, "private (RFC 1918)"],
  ["192.168.0.0", 16, "private (RFC 1918)"],
  ["100.64.0.0", 10, "carrier-grade NAT (RFC 6598)"],
  ["169.254.0.0", 16, "link-local"],
  ["192.0.0.0", 24, "IETF protocol assignments"],
  ["198.18.0.0", 15, "benchmarking"],
  ["224.0.0.0", 4, "multicast"],
  ["240.0.0.0", 4, "reserved or broadcast"],
];
const V6_RANGES: [string, number, string][] = [
  ["::", 128, "unspecified"],
  ["::1", 128, "loopback"],
  ["::", 96, "IPv4-compatible (deprecated)"],
  ["64:ff9b:1::", 48, "local NAT64"],
  ["100::", 64, "discard-only"],
  ["fc00::", 7, "private (unique local, fc00::/7)"],
  ["fec0::", 10, "site-local (deprecated)"],
  ["fe80::", 10, "link-local"],
  ["ff00::", 8, "multicast"],
];
// Instance metadata endpoints (AWS, GCP, Azure, Alibaba, AWS IPv6): inside ranges above already,
// named so the refusal says what was at stake.
const METADATA = new Set(["169.254.169.254", "169.254.170.2", "100.100.100.200", "fd00:ec2::254"]);

function rangeLists(ranges: [string, number, string][], family: "ipv4" | "ipv6"): [BlockList, string][] {
  return ranges.map(([net, prefix, name]) => {
    const list = new BlockList();
    list.addSubnet(net, prefix, family);
    return [list, name];
  });
}
const V4 = rangeLists(V4_RANGES, "ipv4");
const V6 = rangeLists(V6_RANGES, "ipv6");

/** The IPv4 address an IPv6 one carries and that a gateway would reach: mapped, NAT64 or 6to4. */
function embeddedV4(ip: string): string | null {
  const list = new BlockList();
  const words = expandV6(ip);
  if (!words) return null;
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  list.addSubnet("::ffff:0:0", 96, "ipv6");
  list.addSubnet("64:ff9b::", 96, "ipv6");
  if (list.check(ip, "ipv6")) return v4(words[6] ?? 0, words[7] ?? 0);
  const sixToFour = new BlockList();
  sixToFour.addSubnet("2002::", 16, "ipv6");
  if (sixToFour.check(ip, "ipv6")) return v4(words[1] ?? 0, words[2] ?? 0);
  return null;
}

/** The eight 16-bit groups of an IPv6 address (a dotted IPv4 tail included). */
function expandV6(ip: string): number[] | null {
  let text = ip;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const [a = 0, b = 0, c = 0, d = 0] = dotted[1].split(".").map(Number);
    text = `${text.slice(0, -dotted[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail, ...more] = text.split("::");
  if (more.length > 0) return null;
  const parse = (s: string) => (s === "" ? [] : s.split(":").map((g) => parseInt(g, 16)));
  const h = parse(head);
  const t = tail === undefined ? [] : parse(tail);
  const fill = tail === undefined ? 0 : 8 - h.length - t.length;
  const groups = [...h, ...Array.from({ length: fill }, () => 0), ...t];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff)
    ? groups
    : null;
}

/**
 * Why an IP address is no place for a tenant's webhook ("loopback", "link-local (cloud
 * metadata)"...), or null for a public unicast address. Not an IP address at all is refused too.
 */
export function disallowedAddressReason(ip: string): string | null {
  const family = isIP(ip);
  if (family === 4) {
    if (METADATA.has(ip)) return "cloud metadata";
    if (ip === "255.255.255.255") return "broadcast";
    return V4.find(([list]) => list.check(ip, "ipv4"))?.[1] ?? null;
  }
  if (family === 6) {
    const lower = ip.toLowerCase();
    if (METADATA.has(lower)) return "cloud metadata";
    const v4 = embeddedV4(lower);
    if (v4 !== null) {
      const inner = disallowedAddressReason(v4);
      return inner === null ? null : `IPv4 ${v4} inside IPv6: ${inner}`;
    }
    return V6.find(([list]) => list.check(lower, "ipv6"))?.[1] ?? null;
  }
  return "not an IP address";
}

/** The operator's allowlist (WEBHOOK_ALLOW_CIDRS) as a BlockList that `check`s both families. */
export function allowList(cidrs: readonly string[]): BlockList {
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [net = "", bits] = cidr.split("/");
    const family = isIP(net) === 6 ? "ipv6" : "ipv4";
    list.addSubnet(net, bits === undefined ? (family === "ipv6" ? 128 : 32) : Number(bits), family);
  }
  return list;
}

/** Null when a webhook may go to `ip` (public, or inside the operator's allowlist), else what it is. */
export function destinationRefusal(ip: string, allow: BlockList): string | null {
  const reason = disallowedAddressReason(ip);
  if (reason === null || reason === "not an IP address") return reason;
  const family = isIP(ip) === 6 ? "ipv6" : "ipv4";
  if (allow.check(ip, family)) return null;
  // An IPv4-mapped address is the IPv4 one as far as the operator's allowlist goes.
  const mapped = family === "ipv6" ? embeddedV4(ip.toLowerCase()) : null;
  if (mapped !== null && allow.check(mapped, "ipv4")) return null;
  return reason;
}

export type TWebhookTarget =
  | { ok: false; reason: string }
  /** `address`: the host is an IP literal (already vetted); null: a name, to resolve and vet. */
  | { ok: true; url: URL; host: string; address: string | null };

/**
 * What can be said of a webhook URL without DNS: scheme, and the host when it is an IP literal
 * (the WHATWG parser has already turned `2130706433`, `0x7f.1` and `[::1]` into plain addresses)
 * or a name that is loopback by definition (localhost, *.localhost: RFC 6761).
 */
export function webhookTarget(raw: string, allow: BlockList): TWebhookTarget {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: "not a URL" };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    return { ok: false, reason: `the scheme ${url.protocol} is not http(s)` };
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1").replace(/\.$/, "");
  if (isIP(host) !== 0) {
    const refusal = destinationRefusal(host, allow);
    return refusal === null
      ? { ok: true, url, host, address: host }
      : { ok: false, reason: `${host} is ${refusal}` };
  }
  const lower = host.toLowerCase();
  if (lower === "localhost" || lower.endsWith(".localhost")) {
    const refusal = destinationRefusal("127.0.0.1", allow);
    if (refusal !== null) return { ok: false, reason: `${host} is loopback` };
  }
  return { ok: true, url, host, address: null };
}
