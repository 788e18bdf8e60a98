import { IPv4CidrRange, IPv6, IPv6CidrRange } from "ip-num";
import type { TAddressClass } from "./event.ts";
import { parseIpv4 } from "./parse-ipv4.ts";

// IANA special-purpose registries (RFC 6890 and successors). "private" is space an organisation
// numbers itself (RFC 1918, CGNAT, ULA); "reserved" never appears as a routable source
// (loopback, link-local, multicast, future use); "bogon" is documentation, benchmarking and, for
// IPv6, anything outside global unicast 2000::/3 — seeing it as a source means spoofing or a
// mislabelled log. None of them is an internet neighbourhood.
const V4: [TAddressClass, string[]][] = [
  ["private", ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"]],
  ["reserved", ["0.0.0.0/8", "127.0.0.0/8", "169.254.0.0/16", "192.0.0.0/24", "224.0.0.0/4", "240.0.0.0/4"]],
  ["bogon", ["192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "198.18.0.0/15", "192.88.99.0/24"]],
];
const V6: [TAddressClass, string[]][] = [
  ["private", ["fc00::/7"]],
  ["reserved", ["::/128", "::1/128", "fe80::/10", "ff00::/8", "100::/64", "64:ff9b:1::/48"]],
  ["bogon", ["2001:db8::/32", "3fff::/20", "2001:10::/28"]],
];

// Bounds computed once with ip-num, then compared as plain numbers: classification runs per event.
const v4Ranges = V4.flatMap(([cls, cidrs]) =>
  cidrs.map((c) => {
    const r = IPv4CidrRange.fromCidr(c);
    return { cls, first: Number(r.getFirst().value), last: Number(r.getLast().value) };
  }),
);
const v6Ranges = V6.flatMap(([cls, cidrs]) =>
  cidrs.map((c) => {
    const r = IPv6CidrRange.fromCidr(c);
    return { cls, first: r.getFirst().value, last: r.getLast().value };
  }),
);
const GLOBAL_UNICAST = IPv6CidrRange.fromCidr("2000::/3");
const GU_FIRST = GLOBAL_UNICAST.getFirst().value;
const GU_LAST = GLOBAL_UNICAST.getLast().value;

/** Class of an unsigned 32-bit IPv4 number. */
export function classifyIpv4(v4: number): TAddressClass {
  for (const r of v4Ranges) if (v4 >= r.first && v4 <= r.last) return r.cls;
  return "public";
}

/** Class of a canonical address (as produced by normaliseAddress). */
export function classifyAddress(canonical: string): TAddressClass {
  const v4 = parseIpv4(canonical);
  if (v4 >= 0) return classifyIpv4(v4);
  let value: bigint;
  try {
    value = IPv6.fromString(canonical).value;
  } catch {
    return "bogon";
  }
  for (const r of v6Ranges) if (value >= r.first && value <= r.last) return r.cls;
  return value >= GU_FIRST && value <= GU_LAST ? "public" : "bogon";
}
