import { type TIpDayRollup } from "../rollup/ip-day-rollup.ts";
import { type TClusterRule } from "./clusters.ts";
import { asOfDayNumber } from "../day/day-number.ts";
import { dayNumber } from "../day/day-number.ts";
import { kMeans, seededRandom } from "./kmeans.ts";

export type TSuggestOptions = {
  /** Number of clusters k (default 8). */
  k?: number;
  /** Only rollups strictly before this day (default: all). */
  asOf?: Date | string;
  /** Ports kept as profile dimensions: the most frequent ones (default 24). */
  vocabularySize?: number;
  /** Reservoir sample of ip-day profiles clustered (default 20000). */
  maxProfiles?: number;
  seed?: number;
};

export type TSuggestedCluster = { rule: TClusterRule; size: number; share: number };

/** log2(1 + ports) / 16 maps 0..65535 distinct ports onto 0..1. */
const SCAN_SCALE = 16;
/** A port carrying at least this share of a centroid's traffic is named in its rule. */
const PORT_SHARE = 0.15;

/**
 * Unsupervised cluster suggestions (Pinto's proposal): k-means over per-IP daily port profiles
 * (share of events per frequent port, other ports, log distinct ports, auth-failure and blocked
 * shares), each centroid turned into a candidate rule a tenant can accept. Background-looking
 * centroids (no dominant port, no scan, no auth failures) are dropped. Sizes count sampled ip-days.
 */
export function suggestClusters(
  rollups: Iterable<TIpDayRollup>,
  opts: TSuggestOptions = {},
): TSuggestedCluster[] {
  const maxProfiles = opts.maxProfiles ?? 20_000;
  const rand = seededRandom(opts.seed ?? 1);
  const beforeDay = opts.asOf === undefined ? Infinity : asOfDayNumber(opts.asOf);
  const sample: TIpDayRollup[] = [];
  let seen = 0;
  for (const r of rollups) {
    if (!(dayNumber(r.day) < beforeDay) || r.events === 0) continue;
    seen++;
    if (sample.length < maxProfiles) sample.push(r);
    else {
      const j = Math.floor(rand() * seen);
      if (j < maxProfiles) sample[j] = r;
    }
  }
  if (sample.length === 0) return [];

  const portFreq = new Map<string, number>();
  for (const r of sample) for (const p of Object.keys(r.ports)) portFreq.set(p, (portFreq.get(p) ?? 0) + 1);
  const vocab = [...portFreq.entries()]
    .sort((a, b) => b[1] - a[1] || Number(a[0]) - Number(b[0]))
    .slice(0, opts.vocabularySize ?? 24)
    .map(([p]) => p);
  const V = vocab.length;
  const points = sample.map((r) => {
    const v = new Float64Array(V + 4);
    let inVocab = 0;
    vocab.forEach((p, i) => {
      const share = (r.ports[p] ?? 0) / r.events;
      v[i] = share;
      inVocab += share;
    });
    v[V] = Math.max(0, 1 - inVocab);
    v[V + 1] = Math.log2(1 + r.distinctPorts) / SCAN_SCALE;
    v[V + 2] = Math.min(1, (r.actions["auth-failure"] ?? 0) / r.events);
    v[V + 3] = Math.min(1, ((r.actions.block ?? 0) + (r.actions.alert ?? 0)) / r.events);
    return v;
  });

  const { centroids, assignment } = kMeans(points, opts.k ?? 8, { seed: opts.seed ?? 1 });
  const byRule = new Map<string, TSuggestedCluster>();
  centroids.forEach((centroid, c) => {
    const members = sample.filter((_, i) => assignment[i] === c);
    const rule = ruleFor(centroid, vocab, members, c);
    if (!rule || members.length === 0) return;
    const key = JSON.stringify({ ...rule, name: "" });
    const held = byRule.get(key);
    if (held) held.size += members.length;
    else byRule.set(key, { rule, size: members.length, share: 0 });
  });
  const out = [...byRule.values()].sort((a, b) => b.size - a.size);
  for (const s of out) s.share = s.size / sample.length;
  return out;
}

function ruleFor(
  centroid: Float64Array,
  vocab: string[],
  members: TIpDayRollup[],
  index: number,
): TClusterRule | null {
  const V = vocab.length;
  const distinct = 2 ** ((centroid[V + 1] ?? 0) * SCAN_SCALE) - 1;
  if (distinct >= 5) {
    // A threshold most members clear: the 10th percentile of their distinct ports.
    const min = Math.max(2, percentile10(members.map((r) => r.distinctPorts)));
    return { name: `suggested-${index + 1}-port-scan`, kind: "port-scan", minDistinctPorts: min };
  }
  if ((centroid[V + 2] ?? 0) >= 0.5) {
    const min = Math.max(1, percentile10(members.map((r) => r.actions["auth-failure"] ?? 0)));
    return { name: `suggested-${index + 1}-brute-force`, kind: "brute-force", minAuthFailures: min };
  }
  const ports = vocab.filter((_, i) => (centroid[i] ?? 0) >= PORT_SHARE).map(Number);
  if (ports.length === 0) return null;
  return { name: `suggested-${index + 1}-ports-${ports.join("-")}`, kind: "watched-ports", ports };
}

function percentile10(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) * 0.1)] ?? 0;
}
