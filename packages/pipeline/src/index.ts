// The pipeline stages and what drives them (the worker, the benchmarks, tests). apps/web imports
// the narrower entries in ./entries instead: this one reaches the ingest kernel.
export { ingestUpload, NoEventsError } from "./ingest-upload.ts";
export { rankUpload } from "./rank-upload.ts";
export { refreshTenantRanks, type TRankRefresh } from "./tenant-ranks.ts";
export { QUICK_FIT, trainTenant, type TTrainMode } from "./train-tenant.ts";
export { rescoreReports, RESCORE_MAX_REPORTS, type TRescoreResult } from "./rescore-reports.ts";
export { reportUpload } from "./report-upload.ts";
export { ZIngestSummary, type TIngestSummary } from "./ingest-summary.ts";
export { loadTenantRollups } from "./tenant-rollups.ts";
export { sendReportWebhook, signWebhook } from "./send-webhook.ts";
export {
  UnsafeDestinationError,
  vetDestination,
  webhookUrlRefusal,
  postToVetted,
} from "./safe-destination.ts";
export { sendReportEmail } from "./send-email.ts";
export { sendInvitationEmail, invitationUrl } from "./send-invitation-email.ts";
export { trainTenantModel, type TTrainResult } from "./train-tenant-model.ts";
export { forEachLabelDay, LABEL_DAYS, loadLabelDayHistory, type TLabelDay } from "./label-day-history.ts";
export { sharedAsnTable, sharedCountryTable } from "./asn-table.ts";
export { backfillDecisions } from "./backfill-decisions.ts";
export { backfillDecisionCountries } from "./backfill-decision-countries.ts";
export { retrainTenant } from "./retrain-tenant.ts";
export { backtestTenant, poolFeed } from "./backtest-tenant.ts";
export { requestBacktest, tenantBacktest } from "./backtest-request.ts";
export { loadListMatcher } from "./tenant-lists.ts";
export { refreshCommunity } from "./community-refresh.ts";
export { ZCommunitySummary, type TCommunitySummary } from "./community-summary.ts";
export { importCommunityFeeds, loadFeedConfigs, feedContributorId } from "./community-feeds.ts";
export { loadTenantPool, tenantCommunityView } from "./community-pool.ts";
export { eraseTenant, exportTenant } from "./tenant-lifecycle.ts";
export { applyRetention, applyTenantRetention, retentionCutDay, type TRetentionResult } from "./retention.ts";
