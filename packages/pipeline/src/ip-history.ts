import { utcDay } from "@mlsec/core/day";
import { networkCidr, parseIp } from "@mlsec/core/net";
import {
  computeIpHistory,
  HISTORY_PREFIX_V4,
  HISTORY_PREFIX_V6,
  type TClusterRule,
  type TIpHistory,
} from "@mlsec/core/rank";
import { type TIpDayRollup, mergeRollups } from "@mlsec/core/rollup";
import { getTenant, readAddressRollups } from "@mlsec/db";
import { tenantRankSettings } from "./tenant-rank-settings.ts";

/**
 * The tenant's view of one address over time: its own decayed rank per behaviour cluster as of each
 * day, the same for its /24 (or /64), and the other addresses of that neighbourhood the tenant saw.
 * Every query filters on tenantId.
 */
export async function loadIpHistory(opts: {
  tenantId: string;
  ip: string;
  /** Last as-of day of the chart; default: a few half-lives after the last activity, at most tomorrow. */
  asOf?: string;
  clusters?: TClusterRule[];
}): Promise<TIpHistory> {
  const settings = tenantRankSettings(await getTenant(opts.tenantId));
  const rollups = await readNeighbourhoodRollups(opts.tenantId, opts.ip);
  return computeIpHistory(rollups, {
    ip: opts.ip,
    decay: settings.decay,
    clusters: opts.clusters ?? settings.clusters,
    ...(opts.asOf ? { asOf: opts.asOf } : {}),
    today: utcDay(),
  });
}

/** Rollups of the address's neighbourhood, merged to one per (day, IP) across uploads. */
async function readNeighbourhoodRollups(tenantId: string, ip: string): Promise<TIpDayRollup[]> {
  const parsed = parseIp(ip);
  if (!parsed) return [];
  // IPv4: the 256 addresses of the /24 hit the (tenantId, ip) index exactly. IPv6 text can be
  // compressed anywhere, so read the first hextet's rows and keep the /64 by parsing.
  const rows = await readAddressRollups(
    parsed.family === 4
      ? { tenantId, ips: addressesOfV4Network(ip) }
      : { tenantId, ipStartsWith: `${ip.split(":")[0] ?? ""}:` },
  );
  const network = networkCidr(ip, parsed.family === 4 ? HISTORY_PREFIX_V4 : HISTORY_PREFIX_V6);
  const merged = new Map<string, TIpDayRollup>();
  for (const rollup of rows) {
    if (parsed.family === 6 && networkCidr(rollup.ip, HISTORY_PREFIX_V6) !== network) continue;
    const key = `${rollup.day}|${rollup.ip}`;
    const seen = merged.get(key);
    merged.set(key, seen ? mergeRollups(seen, rollup) : rollup);
  }
  return [...merged.values()];
}

function addressesOfV4Network(ip: string): string[] {
  const head = ip.split(".").slice(0, 3).join(".");
  return Array.from({ length: 256 }, (_, i) => `${head}.${i}`);
}
