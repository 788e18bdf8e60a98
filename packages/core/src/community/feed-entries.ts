import { parseIpList } from "../ip-lists/parse-ip-list.ts";
import { parseIpsum } from "../ip-lists/parse-ipsum.ts";
import { parseIp } from "../net/parse-ip.ts";
import { formatIpv4 } from "../net/format-ip.ts";

export type TFeedFormat = "ipsum" | "list";

/** CIDRs larger than this many addresses are not expanded into the pool (they would swamp it). */
export const MAX_EXPANDED_CIDR = 256;

/**
 * The addresses a public feed lists, canonical, for the pool: IPsum lines named by at least
 * `minLists` lists; plain lists' addresses plus IPv4 CIDRs of at most MAX_EXPANDED_CIDR addresses
 * expanded. Larger CIDRs and IPv6 CIDRs are counted in `skippedCidrs`, not guessed at.
 */
export function feedEntries(
  text: string,
  format: TFeedFormat,
  opts: { minLists?: number } = {},
): { ips: string[]; cidrs: string[]; skippedCidrs: number } {
  if (format === "ipsum") return { ips: parseIpsum(text, opts.minLists ?? 1), cidrs: [], skippedCidrs: 0 };
  const { ips, cidrs } = parseIpList(text);
  const out = [...ips];
  let skippedCidrs = 0;
  for (const c of cidrs) {
    const [addr = "", bitsText = ""] = c.split("/");
    const parsed = parseIp(addr);
    const bits = Number(bitsText);
    if (parsed?.family !== 4 || 2 ** (32 - bits) > MAX_EXPANDED_CIDR) {
      skippedCidrs++;
      continue;
    }
    const base = parsed.v4 - (parsed.v4 % 2 ** (32 - bits));
    for (let i = 0; i < 2 ** (32 - bits); i++) out.push(formatIpv4(base + i));
  }
  return { ips: [...new Set(out)], cidrs, skippedCidrs };
}
