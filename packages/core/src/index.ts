// The domain, by area. Import an area's index (`@mlsec/core/rank/index`) or a namespace from here;
// namespaces keep same-named helpers of different areas (address parsing, say) apart.
export * as ingest from "./ingest/index.ts";
export * as rank from "./rank/index.ts";
export * as asn from "./asn/index.ts";
export * as net from "./net/index.ts";
export * as labels from "./labels/index.ts";
export * as train from "./train/index.ts";
export {
  ZIpDayRollup,
  ACTIONS,
  PORT_EXACT_BOUND,
  type TIpDayRollup,
  type TAction,
} from "./rollup/ip-day-rollup.ts";
export { ZReport, REPORT_SCHEMA_VERSION, type TReport, type TScoredIp } from "./report/report-schema.ts";
export { renderReportHtml } from "./report/render-html.ts";
export { buildReport, reportAsOf } from "./pipeline/build-report.ts";
export { scoreIps } from "./pipeline/score-ips.ts";
export { trainFromRollups } from "./pipeline/train-from-rollups.ts";
export * as geo from "./geo/index.ts";
export * as exportFormats from "./export/index.ts";
