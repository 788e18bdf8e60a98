export {
  REPORT_SCHEMA_VERSION,
  type TReport,
  type TScoredIp,
  ZBucket,
  ZReport,
  ZScoredIp,
  ZVerdict,
} from "./report-schema.ts";
export { renderReportHtml } from "./render-html.ts";
export {
  createTrafficSummariser,
  summariseTraffic,
  type TTrafficSummariser,
  type TTrafficSummary,
} from "./summarise-traffic.ts";
