export {
  compileClusters,
  DEFAULT_BRUTE_FORCE_MIN_FAILURES,
  DEFAULT_CLUSTERS,
  DEFAULT_PORT_SCAN_MIN_PORTS,
  DEFAULT_WATCHED_PORTS,
  MAX_CLUSTERS,
  type TClusterRule,
  ZClusterRule,
  ZClusterRules,
} from "./clusters.ts";
export {
  DEFAULT_DECAY,
  DEFAULT_HALF_LIFE_DAYS,
  DEFAULT_HORIZON_DAYS,
  decayHorizonDays,
  decayWeight,
  MISP_NIDS_DECAY,
  OPENCTI_IP_DECAY,
  type TDecay,
  ZDecay,
} from "./decay.ts";
export {
  DEFAULT_PREFIXES_V4,
  DEFAULT_PREFIXES_V6,
  resolveRankOptions,
  type TRankOptions,
} from "./rank-options.ts";
export { type TRankSnapshot } from "./snapshot.ts";
export { computeRanks, computeRanksFromColumns } from "./compute-ranks.ts";
export { clusterMasksOf, type TRollupColumns } from "./rollup-columns.ts";
export { updateRanks } from "./update-ranks.ts";
export { liveAddressCount, RankBuilder, settingsKeyOf } from "./rank-builder.ts";
export {
  COMMUNITY_FEATURE_NAMES,
  FEATURE_NAMES,
  featureNamesFor,
  featureNamesOf,
  featuresFor,
  hasCommunityFeatures,
} from "./features.ts";
export { topRanked, type TRanked, type TRankKind } from "./top-ranked.ts";
export {
  deserializeSnapshot,
  serializeSnapshot,
  type TSerializedSnapshot,
  ZSerializedSnapshot,
} from "./serialize-snapshot.ts";
export { decodeSnapshot, encodeSnapshot } from "./snapshot-binary.ts";
export { suggestClusters, type TSuggestedCluster, type TSuggestOptions } from "./suggest-clusters.ts";
export {
  computeIpHistory,
  HISTORY_PREFIX_V4,
  HISTORY_PREFIX_V6,
  type TActiveDay,
  type TIpHistory,
  type TNeighbour,
  type TRankSeries,
} from "./ip-history.ts";
export { eventCluster, type TClusteredEvent } from "./event-cluster.ts";
