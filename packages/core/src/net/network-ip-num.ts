import { IPv4CidrRange, IPv6CidrRange } from "ip-num";
import { formatIpv6 } from "./format-ip.ts";

/**
 * Reference implementation of neighbourhood CIDRs on ip-num, for validating input at the edges
 * (CLI, API) and as the oracle the fast path is tested against. ~20x slower than network.ts.
 */
export function networkCidrIpNum(ip: string, prefix: number): string {
  if (ip.includes(":")) {
    const first = IPv6CidrRange.fromCidr(`${ip}/${prefix}`).getFirst().getValue();
    const words = [0, 1, 2, 3].map((w) => Number((first >> BigInt(96 - 32 * w)) & 0xffffffffn));
    return `${formatIpv6(words)}/${prefix}`;
  }
  return `${IPv4CidrRange.fromCidr(`${ip}/${prefix}`).getFirst().toString()}/${prefix}`;
}
