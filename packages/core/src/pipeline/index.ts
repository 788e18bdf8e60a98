// The whole chains over rollups that the CLI, the stages and the benchmarks run: train, backtest,
// score and report.
export { backtestFromRollups, type TBacktestFromRollups } from "./backtest-from-rollups.ts";
export { buildReport, type TIngestFacts } from "./build-report.ts";
export { scoreIps, scoreIpsYielding, type TScoreOptions } from "./score-ips.ts";
export {
  MIN_ROWS_PER_CLASS,
  trainFromDataset,
  trainFromRollups,
  type TTrainFromRollups,
  type TTrainOutcome,
} from "./train-from-rollups.ts";
