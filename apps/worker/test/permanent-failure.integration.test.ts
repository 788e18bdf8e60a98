import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import type { Job } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, createUpload, getUpload, setUploadStored } from "@mlsec/db";
import { seedTenant } from "@mlsec/db/test/factories";
import { DEFAULT_JOB_OPTIONS, enqueueStage, JOB_NAMES, QUEUE_NAMES, type TQueues } from "@mlsec/jobs";
import { putStream, uploadKey } from "@mlsec/storage";
import { waitFor } from "./fault-harness.ts";
import { inProcessPipeline } from "./in-process-pipeline.ts";

// The real workers (startWorkers, every queue) on real Redis, PostgreSQL and S3, in this process.
// Each job here fails; what is checked is how often BullMQ ran it: attemptsStarted counts every
// time a worker took the job, so a permanent failure must leave it at 1 in the failed set (a
// failed job is never run again), and a transient one must be run again.
const pipeline = inProcessPipeline();
const queues: TQueues = pipeline.queues;
beforeAll(() => pipeline.start());
afterAll(async () => {
  await pipeline.stop();
  await closeDb();
});

const LINE =
  "Jan  1 00:00:03 fw01 kernel: [UFW BLOCK] IN=eth0 OUT= MAC= SRC=45.33.32.156 DST=198.51.100.7 LEN=40 PROTO=TCP SPT=40000 DPT=3389\n";

async function finished(queue: string, id: string): Promise<Job> {
  return waitFor(
    `job ${id} to fail or complete`,
    async () => {
      const state = await queues.get(queue).getJobState(id);
      // Read after the state, so the job's counters are those of the finished job.
      return state === "failed" || state === "completed"
        ? ((await queues.get(queue).getJob(id)) ?? null)
        : null;
    },
    60_000,
  );
}

async function expectFailedOnce(job: Job, reason: RegExp) {
  expect(await job.getState()).toBe("failed");
  expect(job.attemptsStarted).toBe(1);
  expect(job.attemptsMade).toBe(1);
  // More attempts were available: it was the error, not the options, that stopped it.
  expect(job.opts.attempts).toBe(DEFAULT_JOB_OPTIONS.attempts);
  expect(job.failedReason).toMatch(reason);
}

describe("permanent job failures", () => {
  it("a file that is not a log fails its ingest after one attempt, the reason on the upload", async () => {
    const t = await seedTenant("permanent-file");
    const id = await pipeline.submit(t.tenantId, "notes.txt", Readable.from([Buffer.from("hello\nworld\n")]));
    const job = await finished(QUEUE_NAMES.ingest, `ingest-${id}`);
    await expectFailedOnce(job, /no line could be read/);
    const upload = await getUpload({ tenantId: t.tenantId, id });
    expect(upload.status).toBe("failed");
    expect(upload.error).toMatch(/^ingest failed: no line could be read as a firewall or log event/);
  });

  it("a stage job for an upload that does not exist fails after one attempt", async () => {
    const t = await seedTenant("permanent-missing");
    const jobId = await enqueueStage(queues, "rank", { tenantId: t.tenantId, uploadId: "no-such-upload" });
    await expectFailedOnce(
      await finished(QUEUE_NAMES.rank, jobId),
      /upload no-such-upload .* does not exist/,
    );
  });

  it("a payload failing its schema and an unknown job name fail after one attempt", async () => {
    // Added past the producers' checks (addJob parses first), as an old producer or a hand-made job would.
    const bad = await queues
      .get(QUEUE_NAMES.report)
      .add(JOB_NAMES.report, { tenantId: "t" }, { attempts: DEFAULT_JOB_OPTIONS.attempts });
    await expectFailedOnce(await finished(QUEUE_NAMES.report, bad.id ?? ""), /invalid payload: uploadId/);
    const unknown = await queues
      .get(QUEUE_NAMES.maintenance)
      .add("maintenance.no-such-job", {}, { attempts: DEFAULT_JOB_OPTIONS.attempts });
    await expectFailedOnce(
      await finished(QUEUE_NAMES.maintenance, unknown.id ?? ""),
      /unknown job name "maintenance.no-such-job"/,
    );
    // A known name on another queue than its table entry's is refused too, not run by whichever handler.
    const misplaced = await queues
      .get(QUEUE_NAMES.retrain)
      .add(JOB_NAMES.sweep, { olderThanMs: 1 }, { attempts: DEFAULT_JOB_OPTIONS.attempts });
    await expectFailedOnce(
      await finished(QUEUE_NAMES.retrain, misplaced.id ?? ""),
      /belongs on queue maintenance, not retrain/,
    );
  });
});

describe("transient job failures", () => {
  it("an upload whose object is not in S3 yet is retried, and completes once it is there", async () => {
    const t = await seedTenant("transient");
    const body = Buffer.from(LINE.repeat(50));
    const upload = await createUpload({ tenantId: t.tenantId, filename: "late.log" });
    const key = uploadKey(t.tenantId, upload.id, "late.log");
    const sha256 = createHash("sha256").update(body).digest("hex");
    // The row says the bytes are stored; the object arrives only after the first attempt failed.
    await setUploadStored({
      tenantId: t.tenantId,
      id: upload.id,
      s3Key: key,
      sizeBytes: body.length,
      sha256,
    });
    const jobId = await enqueueStage(queues, "ingest", { tenantId: t.tenantId, uploadId: upload.id });
    const retrying = await waitFor("the first attempt to fail", async () => {
      const job = await queues.get(QUEUE_NAMES.ingest).getJob(jobId);
      return job && job.attemptsMade >= 1 ? job : null;
    });
    expect(await retrying.getState()).toBe("delayed");
    expect(retrying.failedReason).toMatch(/NoSuchKey|does not exist|not exist/i);
    await putStream({ key, body: Readable.from([body]) });

    const done = await pipeline.settle(t.tenantId, upload.id, 90_000);
    expect(done.upload.error).toBeNull();
    expect(done.upload.status).toBe("done");
    expect(done.upload.events).toBe(50);
    const job = await queues.get(QUEUE_NAMES.ingest).getJob(jobId);
    expect(await job?.getState()).toBe("completed");
    expect(job?.attemptsStarted).toBe(2);
  });
});
