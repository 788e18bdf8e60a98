import { lookupAsIndexV4, lookupAsIndexV6 } from "../asn/lookup-asn.ts";
import { isBogonV4, isBogonV6 } from "../net/bogon.ts";
import { neighbourhoodSize, v4NetworkNumber, v6NetworkKey } from "../net/network.ts";
import { parseIp, type TParsedIp } from "../net/parse-ip.ts";
import { DEFAULT_CLUSTERS, type TClusterRule } from "./clusters.ts";
import { decayWeight } from "./decay.ts";
import { DEFAULT_PREFIXES_V4, DEFAULT_PREFIXES_V6 } from "./rank-options.ts";
import { type TNeighbourhood, type TRankSnapshot } from "./snapshot.ts";

/**
 * Number of neighbourhood feature slots: slot i pairs prefixesV4[i] with prefixesV6[i] (by default
 * /24 with /64 and /16 with /48), so one column means "small" or "large" neighbourhood in both
 * families. Prefixes past the shorter list (IPv6 /32 by default) are ranked but not features.
 */
export function neighbourhoodSlots(prefixesV4: readonly number[], prefixesV6: readonly number[]): number {
  return Math.min(prefixesV4.length, prefixesV6.length);
}

/** Column names of featuresFor's vector for a cluster set and prefix lists. See docs/features.md. */
export function featureNamesFor(
  clusters: readonly TClusterRule[],
  prefixesV4: readonly number[] = DEFAULT_PREFIXES_V4,
  prefixesV6: readonly number[] = DEFAULT_PREFIXES_V6,
): string[] {
  const slots = neighbourhoodSlots(prefixesV4, prefixesV6);
  const names: string[] = [];
  for (const c of clusters) {
    names.push(`ip:${c.name}`);
    for (let s = 0; s < slots; s++) names.push(`net${s + 1}:${c.name}`);
    names.push(`as:${c.name}`);
  }
  names.push("events-log1p", "days-active", "last-seen-weight", "is-ipv6");
  return names;
}

/** Feature columns for the default clusters and prefixes (16 numbers). */
export const FEATURE_NAMES: readonly string[] = Object.freeze(featureNamesFor(DEFAULT_CLUSTERS));

/**
 * Community columns, appended after the tenant's own when a model uses the community pool
 * (packages/core/src/community): the pool's rank of the IP, of its /24 (IPv6 /64), of its /16
 * (IPv6 /48), of its AS, and how many sources that rests on. Named `scope:community` so the
 * baseline and the explanations read them like the tenant's own rank columns. See docs/features.md.
 */
export const COMMUNITY_FEATURE_NAMES: readonly string[] = Object.freeze([
  "ip:community",
  "net1:community",
  "net2:community",
  "as:community",
  "community-reporters",
]);

/** True when a feature list carries the community columns (a model trained with the pool). */
export function hasCommunityFeatures(names: readonly string[]): boolean {
  return names.includes("ip:community") && names.at(-1) === "community-reporters";
}

/** The names matching a snapshot's own clusters and prefixes. */
export function featureNamesOf(snapshot: TRankSnapshot): string[] {
  return featureNamesFor(snapshot.clusters, snapshot.prefixesV4, snapshot.prefixesV6);
}

/**
 * Feature vector of one address as of the snapshot's date. Works for addresses never seen: their
 * own rank and counts are 0 while neighbourhood and AS ranks still apply. Throws on invalid text.
 */
export function featuresFor(snapshot: TRankSnapshot, ip: string): number[] {
  const parsed = parseIp(ip);
  if (!parsed) throw new RangeError(`not an IP address: ${ip}`);
  const { agg, clusters, registry } = snapshot;
  const C = clusters.length;
  const slots = neighbourhoodSlots(snapshot.prefixesV4, snapshot.prefixesV6);
  const found = registry.find(parsed);
  const id = found >= 0 && found < agg.ipCount ? found : -1;
  const bogon = parsed.family === 4 ? isBogonV4(parsed.v4) : isBogonV6(parsed.words);

  const levels = (parsed.family === 4 ? snapshot.prefixesV4 : snapshot.prefixesV6)
    .slice(0, slots)
    .map((prefix) => {
      const level = agg.neighbourhoods.find((h) => h.family === parsed.family && h.prefix === prefix);
      return level && !bogon ? { level, slot: neighbourhoodSlot(level, parsed) } : null;
    });
  const asn = id >= 0 ? (registry.asn[id] ?? 0) : bogon ? 0 : asnOf(snapshot, parsed);
  const asSlot = asn ? agg.as.findU32(asn) : -1;

  const out: number[] = [];
  for (let c = 0; c < C; c++) {
    out.push(id >= 0 ? (agg.ipRank[id * C + c] ?? 0) : 0);
    for (const entry of levels) {
      if (!entry || entry.slot < 0) out.push(0);
      else
        out.push(
          (entry.level.sums.sums[entry.slot * C + c] ?? 0) /
            neighbourhoodSize(entry.level.family, entry.level.prefix),
        );
    }
    out.push(asSlot >= 0 ? (agg.as.sums[asSlot * C + c] ?? 0) : 0);
  }
  const lastDay = id >= 0 ? (agg.ipLastDay[id] ?? -1) : -1;
  out.push(
    id >= 0 ? Math.log1p(agg.ipEvents[id] ?? 0) : 0,
    id >= 0 ? (agg.ipDaysActive[id] ?? 0) : 0,
    lastDay >= 0 ? decayWeight(snapshot.decay, snapshot.asOfDay - lastDay) : 0,
    parsed.family === 6 ? 1 : 0,
  );
  return out;
}

function neighbourhoodSlot(level: TNeighbourhood, parsed: TParsedIp): number {
  if (parsed.family === 4) return level.sums.findU32(v4NetworkNumber(parsed.v4, level.prefix));
  return level.sums.findStr(v6NetworkKey(parsed.words, level.prefix));
}

function asnOf(snapshot: TRankSnapshot, parsed: TParsedIp): number {
  const table = snapshot.asnTable;
  if (!table) return 0;
  const idx = parsed.family === 4 ? lookupAsIndexV4(table, parsed.v4) : lookupAsIndexV6(table, parsed.words);
  return idx >= 0 ? (table.asns[idx] ?? 0) : 0;
}
