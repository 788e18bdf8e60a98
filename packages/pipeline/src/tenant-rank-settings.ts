import {
  DEFAULT_CLUSTERS,
  DEFAULT_HALF_LIFE_DAYS,
  type TClusterRule,
  type TDecay,
  ZClusterRules,
} from "@mlsec/core/rank";

/**
 * A tenant's ranking settings: its half-life and its behaviour rules (the defaults when it has set
 * none, or when what is stored no longer validates, so a bad row cannot stop the pipeline).
 */
export function tenantRankSettings(tenant: { halfLifeDays: number; clusterRules: unknown } | null): {
  decay: TDecay;
  clusters: TClusterRule[];
} {
  const parsed = ZClusterRules.safeParse(tenant?.clusterRules ?? null);
  return {
    decay: {
      kind: "exponential",
      halfLifeDays: tenant?.halfLifeDays || DEFAULT_HALF_LIFE_DAYS,
      horizonDays: 90,
    },
    clusters: parsed.success ? parsed.data : DEFAULT_CLUSTERS,
  };
}
