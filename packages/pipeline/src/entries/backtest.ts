// Day-forward backtest runs for the API and the portal: request one, list them, read one's result.
export {
  backtestDownload,
  DEFAULT_BACKTEST_DAYS,
  MAX_BACKTEST_DAYS,
  requestBacktest,
  tenantBacktest,
  tenantBacktests,
  type TBacktestRequest,
} from "../backtest-request.ts";
export type { TBacktestDetail, TBacktestSummary } from "../backtest-view.ts";
