import { parseFeedBlock } from "./feed-block.ts";

/**
 * Fixed-width key whose byte order (PostgreSQL COLLATE "C", JavaScript string comparison) is the
 * numeric order of decisions: family digit ("4" < "6", so every IPv4 entry precedes IPv6), the
 * network address as 32 lowercase hex digits (IPv4 zero-padded on the left, so equal widths compare
 * numerically), then the prefix length as 2 hex digits (a block sorts before the blocks it
 * contains, which is what aggregation and overlap removal rely on). 35 characters.
 * Throws on text that is not an address or CIDR: values reach the db already validated.
 */
export function decisionSortKey(value: string): string {
  const block = parseFeedBlock(value);
  if (!block) throw new RangeError(`not an address or CIDR: ${JSON.stringify(value)}`);
  return `${block.family}${block.start.toString(16).padStart(32, "0")}${block.bits.toString(16).padStart(2, "0")}`;
}
