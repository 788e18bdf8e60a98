import { loadOperatorEnv } from "@mlsec/config";
import type { TTroubleThresholds } from "@mlsec/jobs";

const MINUTE_MS = 60_000;

/** The stuck thresholds of a request: its own where given (already validated), else the config's. */
export function operatorThresholds(query: {
  activeOverMinutes?: number | undefined;
  waitingOverMinutes?: number | undefined;
}): TTroubleThresholds {
  const env = loadOperatorEnv();
  return {
    activeOverMs: (query.activeOverMinutes ?? env.OPERATOR_STUCK_ACTIVE_MINUTES) * MINUTE_MS,
    waitingOverMs: (query.waitingOverMinutes ?? env.OPERATOR_STUCK_WAITING_MINUTES) * MINUTE_MS,
  };
}
