import type { Job } from "bullmq";
import type { TBacktestJob } from "@mlsec/jobs";
import { backtestTenant } from "@mlsec/pipeline";
import { log } from "../log.ts";

/**
 * tenant.backtest: runs the tenant's day-forward backtest; its row says `failed` with the reason on
 * a permanent error or the last attempt (backtestTenant).
 */
export async function runBacktest(data: TBacktestJob, job: Job) {
  const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
  const { resultKey, result } = await backtestTenant({ ...data, lastAttempt });
  log.info(
    { tenantId: data.tenantId, backtestId: data.backtestId, days: result.days.length },
    "backtest done",
  );
  return { resultKey, days: result.days.length, skipped: result.skipped.length };
}
