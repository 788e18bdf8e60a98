import { lookupAsIndexV4, lookupAsIndexV6 } from "../asn/lookup-asn.ts";
import { isBogonV4, isBogonV6 } from "../net/bogon.ts";
import { neighbourhoodSize, v4NetworkNumber, v6NetworkKey } from "../net/network.ts";
import { parseIp, type TParsedIp } from "../net/parse-ip.ts";
import { DEFAULT_CLUSTERS, type TClusterRule } from "./clusters.ts";
import { decayWeight } from "./decay.ts";
import { DEFAULT_PREFIXES_V4, DEFAULT_PREFIXES_V6 } from "./rank-options.ts";
import { type SlotStats } from "./slot-stats.ts";
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
  for (const scope of [...Array.from({ length: slots }, (_, i) => `net${i + 1}`), "as"])
    for (const figure of EVIDENCE_FIGURES) names.push(`${scope}-${figure}`);
  return names;
}

/**
 * Per neighbourhood slot and AS, after the per-IP columns: what its bad sources add up to over
 * every cluster (docs/features.md, "Neighbourhood evidence"). Named with a hyphen, not a colon,
 * so the no-learning baseline (ip/net1/net2 rank columns) stays what it was.
 */
export const EVIDENCE_FIGURES = ["sources", "rank-total", "recency", "age"] as const;

/** Feature columns for the default clusters and prefixes (16 rank and per-IP numbers, 12 evidence). */
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
  for (const entry of levels)
    pushEvidence(out, snapshot, entry ? entry.level.stats : null, entry?.slot ?? -1);
  pushEvidence(out, snapshot, agg.asStats, asSlot);
  return out;
}

/** EVIDENCE_FIGURES of one neighbourhood or AS slot: zeros where it has no bad source. */
function pushEvidence(out: number[], snapshot: TRankSnapshot, stats: SlotStats | null, slot: number): void {
  const e = stats && slot >= 0 ? stats.read(slot) : null;
  if (!e || e.sources === 0) {
    out.push(0, 0, 0, 0);
    return;
  }
  out.push(
    e.sources,
    e.rankTotal,
    decayWeight(snapshot.decay, snapshot.asOfDay - e.lastDay),
    // Days since its first bad source in the window (at least 1: the as-of day itself is never read).
    snapshot.asOfDay - e.firstDay,
  );
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
