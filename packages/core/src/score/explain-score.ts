import { applyFeatureTransform, type TFeatureTransform } from "../train/feature-transform.ts";

/**
 * Why an IP scored as it did, in words: its features ranked by how high each sits within the range
 * the model saw in training (the stored min-max scaler), strongest first. Zero features say nothing
 * and are left out, so an IP with no history reads "no bad behaviour seen in its neighbourhoods".
 */
export function explainScore(opts: {
  features: number[];
  featureNames: readonly string[];
  scaler: { min: number[]; max: number[] };
  /** The model's log transform: the scaler's range is in that space (feature-transform.ts). */
  transform?: TFeatureTransform;
  top?: number;
}): string[] {
  const space = applyFeatureTransform(opts.features, opts.transform);
  const ranked = opts.features
    .map((value, i) => {
      const min = opts.scaler.min[i] ?? 0;
      const max = opts.scaler.max[i] ?? 0;
      const v = space[i] ?? 0;
      const position = max > min ? Math.min(1, (v - min) / (max - min)) : 0;
      const above = value > max;
      return { name: opts.featureNames[i] ?? `f${i}`, value, position, above };
    })
    .filter((f) => f.value > 0 && f.position > 0)
    .sort((a, b) => b.position - a.position)
    .slice(0, opts.top ?? 4);
  if (ranked.length === 0)
    return ["no bad behaviour seen from it or its neighbourhoods before the as-of date"];
  return ranked.map(
    (f) =>
      `${describeFeature(f.name)} = ${formatNumber(f.value)} (${Math.round(f.position * 100)}% of the training range)`,
  );
}

// Feature names are terse in the matrix (docs/features.md); people read these.
const SCOPES: Record<string, string> = {
  ip: "its own",
  net1: "its /24 (IPv6 /64) neighbourhood's",
  net2: "its /16 (IPv6 /48) neighbourhood's",
  as: "its origin AS's",
};
const COLUMNS: Record<string, string> = {
  "events-log1p": "activity, ln(1 + events)",
  "days-active": "days active",
  "last-seen-weight": "recency of its last activity",
  "is-ipv6": "IPv6",
};

// Neighbourhood evidence columns (rank/features.ts EVIDENCE_FIGURES), after their scope's words.
const EVIDENCE: Record<string, string> = {
  sources: "bad sources",
  "rank-total": "decayed bad-source rank, all behaviours",
  recency: "recency of its latest bad source",
  age: "days since its first bad source",
};

// Community columns (docs/features.md) read as the pool's, not the tenant's.
const COMMUNITY: Record<string, string> = {
  "ip:community": "the community pool's rank of it",
  "net1:community": "the community pool's rank of its /24 (IPv6 /64)",
  "net2:community": "the community pool's rank of its /16 (IPv6 /48)",
  "as:community": "the community pool's rank of its origin AS",
  "community-reporters": "community sources reporting it",
};

/**
 * Which side drove the score (see community/score-driver), as the first reason: "own" is the
 * tenant's sightings, "community" the pool's; the effects are the score lost without each side.
 */
export function describeDriver(d: {
  driver: "own" | "community" | "both" | "none";
  ownEffect: number;
  communityEffect: number;
}): string {
  const effects = `(without own data ${signed(-d.ownEffect)}, without community ${signed(-d.communityEffect)})`;
  switch (d.driver) {
    case "own":
      return `driven by the tenant's own sightings ${effects}`;
    case "community":
      return `driven by the community pool ${effects}`;
    case "both":
      return `driven by own sightings and the community pool alike ${effects}`;
    case "none":
      return `neither own sightings nor the community pool move this score ${effects}`;
  }
}

const signed = (v: number): string => `${v >= 0 ? "+" : "-"}${Math.abs(v).toFixed(2)}`;

function describeFeature(name: string): string {
  if (COMMUNITY[name]) return COMMUNITY[name];
  const [scope = "", cluster] = name.split(":");
  if (cluster !== undefined && SCOPES[scope]) return `${SCOPES[scope]} ${cluster} rank`;
  const evidence = /^(net\d+|as)-(.+)$/.exec(name);
  const what = evidence?.[2] ? EVIDENCE[evidence[2]] : undefined;
  if (evidence?.[1] && what) return `${SCOPES[evidence[1]] ?? evidence[1]} ${what}`;
  return COLUMNS[name] ?? name;
}

const formatNumber = (v: number): string =>
  Math.abs(v) >= 0.01 || v === 0 ? v.toFixed(3) : v.toExponential(2);
