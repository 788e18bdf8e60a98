export { createConnection, hashTagged, queuePrefix, type TRedisConnection } from "./connection.ts";
export { pingRedis } from "./ping.ts";
export { queueStats, QUEUE_STATES, type TQueueStats, type TQueueState } from "./queue-stats.ts";
export {
  PIPELINE_STAGES,
  QUEUE_NAMES,
  JOB_NAMES,
  ZUploadJob,
  ZSweepJob,
  ZEmptyJob,
  ZCommunityJob,
  type TCommunityJob,
  ZRetentionJob,
  type TRetentionJob,
  ZRollupPartitionsJob,
  type TRollupPartitionsJob,
  ZRetrainJob,
  type TRetrainJob,
  ZBacktestJob,
  type TBacktestJob,
  ZInvitationEmailJob,
  type TInvitationEmailJob,
  DEFAULT_JOB_OPTIONS,
  nextStage,
  NOTIFY_CHANNELS,
  type TNotifyChannel,
  type TPipelineStage,
  type TQueueName,
  type TUploadJob,
  type TSweepJob,
} from "./definitions.ts";
export {
  JOBS,
  isJobName,
  jobsOfQueue,
  parseJob,
  type TJobName,
  type TJobPayload,
  type TJobInput,
  type TJobSpec,
} from "./job-table.ts";
export { retrainStatus, type TRetrainStatus } from "./retrain-status.ts";
export { otherTenantsWaiting } from "./other-tenants-waiting.ts";
export { PermanentJobError, isPermanent } from "./permanent-error.ts";
export {
  addJob,
  scheduleJob,
  openQueues,
  enqueueStage,
  stageJobId,
  enqueueNotifications,
  enqueueRetrain,
  enqueueBacktest,
  enqueueInvitationEmail,
  retrainDedupId,
  type TQueues,
} from "./enqueue.ts";
export {
  hitLimit,
  peekLimit,
  clearLimit,
  retryAfterSeconds,
  type TLimit,
  type TLimitState,
} from "./rate-limit.ts";
export { assertJobHeld, JobTakenAwayError } from "./job-lock.ts";
export {
  listTroubledJobs,
  findJob,
  retryFailedJob,
  cancelJob,
  isQueueName,
  JobStateError,
  type TTroubledJob,
  type TTroubleKind,
  type TTroubleThresholds,
} from "./operator-jobs.ts";
export { fairPriority, acquireTenantSlot, tenantShare, type TTenantSlot } from "./fair-share.ts";
