export {
  DEFAULT_CONTRIBUTOR_CAP,
  DEFAULT_MIN_CONTRIBUTORS,
  resolveCommunityOptions,
  type TCommunityOptions,
  type TCommunitySettings,
  type TContribution,
  type TPublicSource,
  ZCommunitySettings,
} from "./contribution.ts";
export {
  COMMUNITY_PREFIXES_V4,
  COMMUNITY_PREFIXES_V6,
  computeCommunityView,
  type TCommunityEntry,
  type TCommunityView,
} from "./community-view.ts";
export {
  isPoolDays,
  PoolDaysBuilder,
  poolDaysFromRows,
  poolDaysRows,
  poolDaysSightings,
  type TPoolDays,
} from "./pool-days.ts";
export { communityFeaturesFor } from "./community-features.ts";
export { scoreDriver, type TScoreDriver } from "./score-driver.ts";
export {
  feedStats,
  type TFeedDay,
  type TFeedQuality,
  type TFeedSnapshots,
  type TFeedStats,
} from "./feed-stats.ts";
export { feedEntries, MAX_EXPANDED_CIDR, type TFeedFormat } from "./feed-entries.ts";
export { contributionsFromRollups } from "./contributions-from-rollups.ts";
export { topCommunity, type TTopCommunity } from "./top-community.ts";
export { type TFeedConfig, ZFeedConfig, ZFeedConfigs } from "./feed-config.ts";
