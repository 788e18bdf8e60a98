export {
  ACTIONS,
  PORT_EXACT_BOUND,
  type TAction,
  type TIpDayRollup,
  type TIpDayRollupJson,
  toRollupJson,
  ZAction,
  ZIpDayRollup,
} from "./ip-day-rollup.ts";
export { mergeRollups } from "./merge-rollups.ts";
