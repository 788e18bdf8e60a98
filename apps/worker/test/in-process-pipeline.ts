import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import type { Worker } from "bullmq";
import { ZReport } from "@mlsec/core/report";
import { createUpload, getReportForUpload, getUpload, setUploadStored } from "@mlsec/db";
import { createConnection, enqueueStage, openQueues } from "@mlsec/jobs";
import { getJson, putStream, uploadKey } from "@mlsec/storage";
import type { TTrainMode } from "@mlsec/pipeline";
import { STAGE_HANDLERS } from "../src/stages/index.ts";
import { startWorkers } from "../src/workers.ts";

/**
 * The worker's pipeline in the test's own process, on real Redis, PostgreSQL and S3, under a queue
 * prefix of its own so that no other worker takes its jobs.
 */
export function inProcessPipeline() {
  const queues = openQueues(createConnection(), `test-${randomUUID()}`);
  let workers: Worker[] = [];
  return {
    queues,
    /**
     * Inline training unless asked: most tests read an upload's report once it is done, and a
     * background grid search would re-score it under them.
     */
    start: (opts: { trainMode?: TTrainMode } = {}) => {
      workers = startWorkers(STAGE_HANDLERS, queues, {
        concurrency: 1,
        trainMode: opts.trainMode ?? "inline",
      });
    },
    stop: async () => {
      await Promise.all(workers.map((w) => w.close()));
      await queues.close();
    },
    /** Stores a body as the web app would and queues its ingest; returns the upload id. */
    submit: async (tenantId: string, filename: string, body: Readable): Promise<string> => {
      const upload = await createUpload({ tenantId, filename });
      const stored = await putStream({ key: uploadKey(tenantId, upload.id, filename), body });
      await setUploadStored({ tenantId, id: upload.id, ...stored, s3Key: stored.key });
      await enqueueStage(queues, "ingest", { tenantId, uploadId: upload.id });
      return upload.id;
    },
    /** Waits until the upload is done or failed, noting every progress value seen on the way. */
    settle: async (tenantId: string, id: string, timeoutMs = 150_000) => {
      const until = Date.now() + timeoutMs;
      const seen = new Set<number>();
      for (;;) {
        const u = await getUpload({ tenantId, id });
        seen.add(u.progress);
        if (u.status === "done" || u.status === "failed") return { upload: u, progressSeen: [...seen] };
        if (Date.now() > until) throw new Error(`upload still ${u.status} at ${u.stage} ${u.progress}%`);
        await new Promise((r) => setTimeout(r, 250));
      }
    },
    reportOf: async (tenantId: string, uploadId: string) => {
      const row = await getReportForUpload({ tenantId, uploadId });
      return ZReport.parse(await getJson(row.s3Key));
    },
  };
}
