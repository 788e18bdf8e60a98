export { getDb, closeDb, type TDb } from "./client.ts";
export { withTenant, TENANT_ROLE, isDatabaseBusy } from "./with-tenant.ts";
export { NotFoundError, ConflictError, SignInRequiredError, WeakPasswordError } from "./errors.ts";
export { hashPassword, verifyPassword } from "./passwords.ts";
export {
  createTenantWithOwner,
  deleteTenant,
  getTenant,
  setNotificationSettings,
  setClusterRules,
  setTriageThresholds,
  type TCreatedTenant,
  type TTenant,
} from "./tenants.ts";
export { resealWebhookSecrets } from "./webhook-secret.ts";
export { sealSecret, openSecret, sealedKeyId, type TKeyRing } from "./sealed-secrets.ts";
export {
  authenticateUser,
  getMembership,
  getSessionMembership,
  isSessionCurrent,
  listUserOrganisations,
  tenantsOfEmail,
  type TSessionUser,
} from "./users.ts";
export {
  createApiKey,
  resolveApiKey,
  API_KEY_SCOPES,
  type TApiKeyScope,
  type TApiPrincipal,
} from "./api-keys.ts";
export {
  createUpload,
  setUploadStored,
  getUpload,
  listUploads,
  markUploadProgress,
  markUploadDone,
  countUploadsDoneSince,
  setUploadCounts,
  markUploadFailed,
  findSilentUploads,
  touchUpload,
  toUploadView,
  type TUploadView,
  findEarlierUploadOfContent,
  setUploadNote,
  newestReportedUpload,
} from "./uploads.ts";
export {
  saveReport,
  getReportForUpload,
  listDoneReports,
  newestReports,
  type TReportObject,
} from "./reports.ts";
export { registerModel, getActiveModel, getModel, listModels, activateModelVersion } from "./models.ts";
export { replaceRollups, deleteRollupsOfSource, readRollups, countRollups } from "./rollups.ts";
export { readAddressRollups, addressSightings } from "./address-rollups.ts";
export { openRollupWriter, type TRollupWriter } from "./rollup-writer.ts";
export {
  DEFAULT_PARTITION,
  dropExpiredRollupPartitions,
  ensureRollupPartition,
  listRollupPartitions,
  maintainRollupPartitions,
  monthOf,
  MONTHS_AHEAD,
  partitionName,
  withPartitionClient,
  type TRollupPartition,
} from "./rollup-partitions.ts";
export { ingestedSourceKeys, rollupDays, rollupSourceKeys, sourcesOfDay } from "./rollup-catalogue.ts";
export {
  recordVerdict,
  listVerdicts,
  verdictsForTraining,
  countVerdictsSince,
  verdictContext,
  actorId,
  type TActor,
  type TVerdictEventView,
  type TVerdictKind,
  type TVerdictView,
} from "./verdicts.ts";
export {
  recordVerdicts,
  falsePositiveReason,
  type TVerdictInput,
  type TRecordedVerdict,
  type TVerdictAllowEntry,
} from "./record-verdicts.ts";
export {
  addListEntry,
  removeListEntry,
  activeListEntries,
  listListEntries,
  type TListKind,
} from "./list-entries.ts";
export { recordAudit, listAudit, AUDIT_ACTIONS, type TAuditAction } from "./audit.ts";
export {
  createInvitation,
  acceptInvitation,
  listPendingInvitations,
  peekInvitation,
  invitationForEmail,
  revokeInvitation,
  ROLES,
  type TRole,
} from "./invitations.ts";
export { setMemberRole, listMembers, removeMember } from "./members.ts";
export { listApiKeys, revokeApiKey } from "./api-key-admin.ts";
export { tenantsWithData, retrainDue, lastDataDay } from "./retrain-due.ts";
export {
  getCommunitySetting,
  setCommunityContribution,
  contributingTenants,
  type TCommunitySetting,
} from "./community-consent.ts";
export { replaceContributions, readPool, countPoolRows, withdrawContributor } from "./community-pool.ts";
export { readPoolDays } from "./community-pool-days.ts";
export {
  upsertCommunityFeed,
  markFeedImported,
  listCommunityFeeds,
  saveCommunityRun,
  latestCommunityRun,
  type TCommunityFeedDef,
} from "./community-feeds.ts";
export {
  upsertDecisions,
  streamDecisions,
  nthHighestScore,
  decisionsFingerprint,
  decisionDayStamps,
  deleteDecisions,
  tenantsWithoutDecisions,
  type TDecisionRow,
  type TDecisionQuery,
} from "./decisions.ts";
export {
  createFeed,
  listFeeds,
  getFeed,
  revokeFeed,
  rotateFeedToken,
  resolveFeedToken,
  recordFeedPull,
  streamSentEntries,
  addSentEntries,
  removeSentEntries,
  clearSentEntries,
  streamFingerprint,
  setStreamFingerprint,
  type TFeed,
  type TFeedSettings,
  type TSentEntry,
} from "./feeds.ts";
export {
  streamDecisionsByAdded,
  type TDecisionAddedRow,
  type TDecisionAddedCursor,
} from "./decisions-by-added.ts";
export { openSentCopy, type TSentCopy } from "./sent-copy.ts";
export {
  dashboardDays,
  dashboardDistinct,
  listedByBucket,
  pendingReviewCount,
  topListedAddresses,
  topListedGroups,
  type TBucketCount,
  type TDashboardDay,
  type TDashboardWindow,
  type TTopAddress,
  type TTopGroup,
} from "./dashboard.ts";
export { listListedDecisions, type TListedFilter, type TListedRow } from "./listed-decisions.ts";
export {
  countrylessDecisionIps,
  setDecisionCountries,
  tenantsWithCountrylessDecisions,
} from "./decision-countries.ts";
export {
  createSavedFilter,
  deleteSavedFilter,
  listSavedFilters,
  type TSavedFilter,
  type TSavedFilterFields,
} from "./saved-filters.ts";
export { pingDatabase, activeModelTimes, feedPullsByTenant } from "./operations.ts";
export {
  getSessionOperator,
  setPlatformOperator,
  listPlatformOperators,
  type TPlatformOperator,
} from "./operator.ts";
export {
  abuseAcrossTenants,
  type TAbuseView,
  type TAbuseByAddress,
  type TAbuseByTenant,
} from "./operator-abuse.ts";
export {
  operatorJobContext,
  reopenFailedUpload,
  failCancelledUpload,
  jobUploadKey,
  type TJobContext,
  type TJobUpload,
} from "./operator-jobs.ts";
export { streamTenantRows, tenantRowCounts, tenantTables, type TTenantRows } from "./tenant-data.ts";
export {
  deleteRollupsBefore,
  markRawPurged,
  setRetentionDays,
  tenantsWithRetention,
  uploadsToPurge,
  type TPurgeableUpload,
} from "./retention.ts";
export {
  BACKTEST_STATUSES,
  createBacktest,
  getBacktest,
  listBacktests,
  markBacktestDone,
  markBacktestFailed,
  markBacktestRunning,
  type TBacktestRow,
  type TBacktestStatus,
} from "./backtests.ts";
