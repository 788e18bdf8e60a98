import { FAMILY_BITS, formatAddress, parseFeedBlock } from "./feed-block.ts";

/**
 * Most addresses one Range decision is expanded into: an IPv4 /16 or an IPv6 /112. Debian's
 * crowdsec-firewall-bouncer 0.0.25 cannot hold a range in nftables mode: its sets have no interval
 * flag, so it adds only the network address of "198.51.100.0/24" (and a pre-made interval set makes
 * the whole batch fail with "file exists"). Served address by address, a range blocks what it says.
 */
export const MAX_RANGE_EXPANSION = 65_536;

/**
 * The addresses of a CIDR, lowest first, or null when the text is not a CIDR or holds more than
 * `limit` addresses (such a range is served as a Range decision and documented as unsupported by
 * old bouncers rather than turned into millions of elements).
 */
export function rangeAddresses(value: string, limit = MAX_RANGE_EXPANSION): Iterable<string> | null {
  const block = parseFeedBlock(value);
  if (!block) return null;
  const size = 1n << BigInt(FAMILY_BITS[block.family] - block.bits);
  if (size > BigInt(limit)) return null;
  return addresses(block.family, block.start, size);
}

function* addresses(family: 4 | 6, start: bigint, size: bigint): Generator<string> {
  for (let i = 0n; i < size; i++) yield formatAddress(family, start + i);
}
