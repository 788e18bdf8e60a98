import type { Job } from "bullmq";
import {
  JOB_NAMES,
  parseJob,
  PermanentJobError,
  type TJobName,
  type TJobPayload,
  type TPipelineStage,
  type TQueues,
} from "@mlsec/jobs";
import {
  sendInvitationEmail,
  sendReportEmail,
  sendReportWebhook,
  UnsafeDestinationError,
  backfillDecisions,
  backfillDecisionCountries,
  type TTrainMode,
} from "@mlsec/pipeline";
import { jobLog } from "./log.ts";
import { runUploadStage, type TStageHandler } from "./run-upload-stage.ts";
import { runBacktest } from "./stages/backtest.ts";
import { runCommunityRefresh } from "./stages/community.ts";
import { runRetention } from "./stages/retention.ts";
import { runRollupPartitions } from "./stages/rollup-partitions.ts";
import { enqueueDailyRetrains, runRetrain } from "./stages/retrain.ts";
import { sweepSilentUploads } from "./stages/sweep.ts";

/** One handler per name of the job table: a job added there without one here does not compile. */
export type TJobHandlers = { [N in TJobName]: (data: TJobPayload<N>, job: Job) => Promise<unknown> };

export function jobHandlers(
  stages: Record<TPipelineStage, TStageHandler>,
  queues: TQueues,
  opts: { heartbeatMs?: number; trainMode?: TTrainMode } = {},
): TJobHandlers {
  const stage = (s: TPipelineStage) => (data: TJobPayload<typeof JOB_NAMES.ingest>, job: Job) =>
    runUploadStage(s, stages[s], data, job, queues, opts);
  return {
    [JOB_NAMES.ingest]: stage("ingest"),
    [JOB_NAMES.rank]: stage("rank"),
    [JOB_NAMES.train]: stage("train"),
    [JOB_NAMES.report]: stage("report"),
    [JOB_NAMES.sweep]: (data) => sweepSilentUploads(data.olderThanMs, queues),
    [JOB_NAMES.retrainAll]: () => enqueueDailyRetrains(queues),
    [JOB_NAMES.communityRefresh]: (data) => runCommunityRefresh(data),
    // Tenants without decisions first, then countries for rows written before the column.
    [JOB_NAMES.decisionsBackfill]: async () => ({
      decisions: await backfillDecisions(),
      countries: await backfillDecisionCountries(),
    }),
    [JOB_NAMES.retention]: (data) => runRetention(data),
    [JOB_NAMES.rollupPartitions]: (data) => runRollupPartitions(data),
    [JOB_NAMES.webhook]: async (data, job) => {
      try {
        return await sendReportWebhook(data);
      } catch (err) {
        // A refused destination or a redirect stays so on retry: fail the delivery at once, the
        // reason kept as the job's failedReason.
        if (err instanceof UnsafeDestinationError) {
          jobLog(job).warn({ err: err.message }, "webhook not delivered: destination refused");
          throw new PermanentJobError(err.message);
        }
        throw err;
      }
    },
    [JOB_NAMES.email]: (data) => sendReportEmail(data),
    [JOB_NAMES.invitationEmail]: (data) => sendInvitationEmail(data),
    [JOB_NAMES.retrain]: (data) => runRetrain(data),
    [JOB_NAMES.backtest]: (data, job) => runBacktest(data, job),
  };
}

/**
 * Runs a fetched job by the job table: an unknown name, a job on another queue than its entry's or
 * a payload failing the entry's schema fails permanently (parseJob) rather than reaching a handler.
 */
export function dispatch(handlers: TJobHandlers, job: Job): Promise<unknown> {
  const { name, data } = parseJob(job);
  // parseJob checked data against name's schema; TypeScript cannot follow that pairing through a
  // union-keyed lookup, so the handler is called through its widest signature.
  const handler = handlers[name] as (data: unknown, job: Job) => Promise<unknown>;
  return handler(data, job);
}
