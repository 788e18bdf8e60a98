// The day-forward evaluation: generated worlds with internet structure, the backtest over a range
// of days against worst-offender lists and the heuristic, its metrics and its HTML page.
export {
  ATTACK_KINDS,
  ENTERPRISE_EDGE,
  HELD_OUT_PROVIDERS,
  HONEYPOT_SSH,
  REFERENCE_LISTS,
  scaleProfile,
  WORLD_PROFILES,
  type TAttackKind,
  type TWorldProfile,
} from "./world-profile.ts";
export type { TAttacker, TFeedEntry, TTruth, TWorld } from "./world-types.ts";
export { generateWorld } from "./generate-world.ts";
export {
  DEFAULT_REFERENCE_DIR,
  loadReferenceLists,
  parseFeedCounts,
  type TFeedCount,
  type TReferenceLists,
} from "./reference-lists.ts";
export { feedContributions, listedEntries, FEED_CONTRIBUTOR, type TListedEntry } from "./listed-feed.ts";
export {
  brierScore,
  calibrationError,
  hitsAtN,
  operatingPoint,
  reliabilityBins,
  sensitivityAtSpecificity,
  type TOperatingPoint,
  type TRanked,
  type TReliabilityBin,
} from "./eval-metrics.ts";
export {
  RANKERS,
  summariseSlice,
  type TRankerName,
  type TRankerSummary,
  type TScoredRow,
  type TSlice,
} from "./day-slice.ts";
export { testFeatures, type TTestRow } from "./test-features.ts";
export { featureCeilingAuc, featureGroup } from "./feature-ceiling.ts";
export { LocalHistory } from "./local-history.ts";
export {
  dayForwardBacktest,
  DEFAULT_LIST_SIZES,
  WORKER_LABEL_DAYS,
  WORKER_MAX_ROWS,
  type TDayForwardOptions,
  type TDayForwardResult,
  type TDayResult,
} from "./day-forward.ts";
export { backtestWorld, worldBacktestOptions } from "./world-backtest.ts";
export { sameLabelCalibration } from "./same-label-calibration.ts";
export { renderBacktestHtml } from "./render-backtest-html.ts";
export { formatBacktest, formatBlocklist, formatSlice } from "./format-backtest.ts";
export { logBacktestOptions } from "./log-backtest.ts";
export { blocklistHits, sumBlocklistHits, type TBlocklistHits } from "./blocklist-hits.ts";
