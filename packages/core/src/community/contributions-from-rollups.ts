import { compileClusters, DEFAULT_CLUSTERS } from "../rank/clusters.ts";
import { type TIpDayRollup } from "../rollup/ip-day-rollup.ts";
import { type TContribution } from "./contribution.ts";

/**
 * What a consenting tenant gives the pool: the (day, source IP) pairs its rollups rank bad under the
 * built-in behaviour rules. The built-in rules, not the tenant's own, so "bad" means the same thing
 * for every contributor; counts, ports, actions and destinations stay behind.
 */
export function contributionsFromRollups(
  rollups: Iterable<TIpDayRollup>,
  contributor: string,
): TContribution[] {
  const matcher = compileClusters(DEFAULT_CLUSTERS);
  const seen = new Set<string>();
  const out: TContribution[] = [];
  for (const r of rollups) {
    if (matcher(r) === 0) continue;
    const key = `${r.day}|${r.ip}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ contributor, day: r.day, ip: r.ip });
  }
  return out;
}
