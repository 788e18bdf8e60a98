import { z } from "zod";

/** The upload pipeline, in order. Each stage has its own queue so each can be scaled on its own. */
export const PIPELINE_STAGES = ["ingest", "rank", "train", "report"] as const;
export type TPipelineStage = (typeof PIPELINE_STAGES)[number];

export const QUEUE_NAMES = {
  ingest: "ingest",
  rank: "rank",
  train: "train",
  report: "report",
  maintenance: "maintenance",
  notify: "notify",
  /** Retraining a tenant's model: after enough new verdicts, and daily. */
  retrain: "retrain",
  /** Day-forward backtests: long, CPU-bound, one at a time per worker (see the job table). */
  backtest: "backtest",
} as const;
export type TQueueName = (typeof QUEUE_NAMES)[keyof typeof QUEUE_NAMES];

export const JOB_NAMES = {
  ingest: "upload.ingest",
  rank: "upload.rank",
  train: "upload.train",
  report: "upload.report",
  sweep: "maintenance.sweep-silent-uploads",
  webhook: "report.webhook",
  email: "report.email",
  /** An invitation's email with its accept link (notify queue). */
  invitationEmail: "member.invitation-email",
  retrain: "tenant.retrain",
  /** A tenant's day-forward backtest run (the Backtest row names its days). */
  backtest: "tenant.backtest",
  /** Daily: enqueues tenant.retrain for every tenant with data. */
  retrainAll: "maintenance.retrain-all",
  /** Daily: the community pool (consenting tenants, public feeds) and its global view. */
  communityRefresh: "maintenance.community-refresh",
  /** Once per worker start: decisions for tenants whose reports predate the Decision table. */
  decisionsBackfill: "maintenance.decisions-backfill",
  /** Daily: each tenant's retention (old rollups and raw files deleted). */
  retention: "maintenance.retention",
  /** Daily and at each worker start: IpDayRollup's monthly partitions made ahead, DEFAULT emptied. */
  rollupPartitions: "maintenance.rollup-partitions",
} as const;

/** Report-ready notification channels; each is its own job so one channel's retries never resend the other. */
export const NOTIFY_CHANNELS = ["webhook", "email"] as const;
export type TNotifyChannel = (typeof NOTIFY_CHANNELS)[number];

/** Payloads carry ids only; the worker re-reads the tenant and the upload from the database. */
export const ZUploadJob = z.object({ tenantId: z.string().min(1), uploadId: z.string().min(1) });
export type TUploadJob = z.infer<typeof ZUploadJob>;

export const ZRetrainJob = z.object({
  tenantId: z.string().min(1),
  /**
   * Why: shown in logs; "verdicts" when the threshold was reached, "daily" from the scheduler,
   * "upload" after an upload's report (WORKER_TRAIN_MODE background: the grid search it skipped).
   */
  reason: z.enum(["verdicts", "daily", "manual", "upload"]).default("manual"),
});
export type TRetrainJob = z.infer<typeof ZRetrainJob>;

/** A backtest run: the row (tenant-scoped) holds its range and who asked. */
export const ZBacktestJob = z.object({ tenantId: z.string().min(1), backtestId: z.string().min(1) });
export type TBacktestJob = z.infer<typeof ZBacktestJob>;

/**
 * The one payload that is not ids only: the invitation's token exists nowhere else (only its hash is
 * stored), and the email must carry it. The job is removed as soon as it completes (see enqueue).
 */
export const ZInvitationEmailJob = z.object({
  tenantId: z.string().min(1),
  invitationId: z.string().min(1),
  token: z.string().min(10).max(200),
});
export type TInvitationEmailJob = z.infer<typeof ZInvitationEmailJob>;

/** The community job: as of a UTC day (default: the day it runs). No tenant: the pool is global. */
export const ZCommunityJob = z.object({
  asOf: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});
export type TCommunityJob = z.infer<typeof ZCommunityJob>;

/** The retention job: as of a UTC as-of day (default: the day after the one it runs on). */
export const ZRetentionJob = z.object({
  asOf: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});
export type TRetentionJob = z.infer<typeof ZRetentionJob>;

/** The rollup partitions job: as of a UTC day (default: the day it runs). */
export const ZRollupPartitionsJob = z.object({
  today: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});
export type TRollupPartitionsJob = z.infer<typeof ZRollupPartitionsJob>;

/** Jobs that need nothing but their name (the daily fan-out, the decisions backfill). */
export const ZEmptyJob = z.object({});
export type TEmptyJob = z.infer<typeof ZEmptyJob>;

export const ZSweepJob = z.object({ olderThanMs: z.number().int().positive() });
export type TSweepJob = z.infer<typeof ZSweepJob>;

/**
 * Five attempts with exponential backoff from 2 s (retries after 2, 4, 8 and 16 s): an outage of
 * S3, PostgreSQL or Redis of up to half a minute is ridden out instead of failing the upload (three
 * attempts gave up after 6 s; the S3 fault test stops its server for 10). Finished jobs are kept
 * for a day (or the last 1,000) so a retried enqueue with the same job id is a no-op while the
 * first is still remembered.
 */
export const DEFAULT_JOB_OPTIONS = Object.freeze({
  attempts: 5,
  backoff: { type: "exponential", delay: 2000 },
  removeOnComplete: { age: 24 * 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 5000 },
});

export const nextStage = (stage: TPipelineStage): TPipelineStage | null =>
  PIPELINE_STAGES[PIPELINE_STAGES.indexOf(stage) + 1] ?? null;
