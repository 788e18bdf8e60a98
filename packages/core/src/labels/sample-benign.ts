import { formatIpv4 } from "../net/format-ip.ts";
import { seededRandom } from "../train/seeded-random.ts";
import { parseCidr } from "../ip-lists/ip-text.ts";
import { loadShippedBenign } from "./shipped-lists.ts";

/**
 * `n` distinct IPv4 addresses from provider ranges, reproducible from `seed`. Each draw picks a
 * provider, then one of its CIDRs, then an address in it, all uniformly: so a provider with one huge
 * block (Microsoft's /12s) does not crowd out the others, and small blocks (crawler /28s) get drawn.
 * With `cidrs` given they form a single provider. IPv6 blocks are skipped.
 */
export function sampleBenign(opts: {
  seed: number;
  n: number;
  cidrs?: string[];
  providers?: Map<string, string[]>;
}): string[] {
  const groups = (opts.cidrs ? [opts.cidrs] : [...(opts.providers ?? loadShippedBenign()).values()])
    .map((list) => list.map(parseCidr).flatMap((r) => (r && r.family === 4 ? [r] : [])))
    .filter((g) => g.length > 0);
  if (groups.length === 0 || opts.n <= 0) return [];
  const capacity = groups.reduce((s, g) => s + g.reduce((t, r) => t + (r.end - r.start + 1), 0), 0);
  const want = Math.min(opts.n, capacity);
  const rand = seededRandom(opts.seed);
  const seen = new Set<number>();
  const out: string[] = [];
  // Duplicates are redrawn; the attempt cap only matters when n is close to the space's size.
  for (let attempts = 0; out.length < want && attempts < want * 50; attempts++) {
    const group = groups[Math.floor(rand() * groups.length)] ?? [];
    const range = group[Math.floor(rand() * group.length)];
    if (!range) continue;
    const ip = range.start + Math.floor(rand() * (range.end - range.start + 1));
    if (seen.has(ip)) continue;
    seen.add(ip);
    out.push(formatIpv4(ip));
  }
  return out;
}
