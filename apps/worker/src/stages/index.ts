import { IngestFailure } from "@mlsec/core/ingest";
import { PermanentJobError, type TPipelineStage } from "@mlsec/jobs";
import { ingestUpload, NoEventsError, rankUpload, reportUpload, trainTenant } from "@mlsec/pipeline";
import { ingestEvents, ingestLines } from "../metrics.ts";
import type { TStageHandler } from "../run-upload-stage.ts";

// The worker only adapts: each stage is one call into packages/pipeline.
export const STAGE_HANDLERS: Record<TPipelineStage, TStageHandler> = {
  ingest: async (ctx) => {
    try {
      const summary = await ingestUpload(ctx);
      ingestLines.inc(summary.lines);
      ingestEvents.inc(summary.events);
    } catch (err) {
      // A bad file stays bad: fail the upload with the reason instead of retrying it.
      if (err instanceof NoEventsError || err instanceof IngestFailure)
        throw new PermanentJobError(err.message);
      throw err;
    }
  },
  rank: async (ctx) => void (await rankUpload(ctx)),
  train: async (ctx) => void (await trainTenant({ ...ctx, mode: ctx.trainMode })),
  report: async (ctx) => void (await reportUpload(ctx)),
};
