import type { Worker } from "bullmq";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, createUpload, getDb, getUpload } from "@mlsec/db";
import { seedTenant } from "@mlsec/db/test/factories";
import {
  createConnection,
  enqueueStage,
  openQueues,
  QUEUE_NAMES,
  stageJobId,
  type TPipelineStage,
} from "@mlsec/jobs";
import type { TStageHandler } from "../src/run-upload-stage.ts";
import { sweepSilentUploads } from "../src/stages/sweep.ts";
import { startWorkers } from "../src/workers.ts";
import { testPrefix, waitFor } from "./fault-harness.ts";

const queues = openQueues(createConnection(), testPrefix("sweep"));
// No worker takes this prefix's jobs: what is enqueued there stays waiting.
const idleQueues = openQueues(createConnection(), testPrefix("sweep-idle"));
let workers: Worker[] = [];

afterAll(async () => {
  await Promise.all(workers.map((w) => w.close()));
  await queues.close();
  await idleQueues.close();
  await closeDb();
});

describe("the silent-upload sweep", () => {
  it("fails an upload whose stage stopped heart-beating and leaves a live one alone", async () => {
    const t = await seedTenant("sweep");
    const stuck = await createUpload({ tenantId: t.tenantId, filename: "a.log" });
    const live = await createUpload({ tenantId: t.tenantId, filename: "b.log" });
    const hourAgo = new Date(Date.now() - 3600_000);
    await getDb().upload.update({
      where: { id: stuck.id },
      data: { status: "processing", stage: "rank", heartbeatAt: hourAgo },
    });
    await getDb().upload.update({
      where: { id: live.id },
      data: { status: "processing", stage: "rank", heartbeatAt: new Date() },
    });
    expect(await sweepSilentUploads(15 * 60_000, queues)).toBeGreaterThanOrEqual(1);
    const after = await getUpload({ tenantId: t.tenantId, id: stuck.id });
    expect(after.status).toBe("failed");
    expect(after.error).toMatch(/no progress from the rank stage/);
    expect((await getUpload({ tenantId: t.tenantId, id: live.id })).status).toBe("processing");
  });

  it("leaves alone an upload whose next stage is still waiting in its queue, and fails it once the job is gone", async () => {
    // 100 tenants on two workers (bench/load.ts): stages waited in their queues past the sweep's
    // 15 minutes, and a waiting stage has no worker to heartbeat for it.
    const t = await seedTenant("sweep-queued");
    const u = await createUpload({ tenantId: t.tenantId, filename: "q.log" });
    await getDb().upload.update({
      where: { id: u.id },
      data: { status: "processing", stage: "ingest", heartbeatAt: new Date(Date.now() - 3600_000) },
    });
    // Ingest finished and enqueued rank, which waits.
    await enqueueStage(idleQueues, "rank", { tenantId: t.tenantId, uploadId: u.id });
    await sweepSilentUploads(15 * 60_000, idleQueues);
    expect((await getUpload({ tenantId: t.tenantId, id: u.id })).status).toBe("processing");
    // Redis lost the job (a restart without persistence): nothing will run it.
    await (await idleQueues.get(QUEUE_NAMES.rank).getJob(stageJobId("rank", u.id)))?.remove();
    await sweepSilentUploads(15 * 60_000, idleQueues);
    const after = await getUpload({ tenantId: t.tenantId, id: u.id });
    expect(after.status).toBe("failed");
    expect(after.error).toMatch(/no progress from the ingest stage/);
  });

  it("leaves alone a stage that runs long without progress: its worker heartbeats while it holds the job", async () => {
    // A train stage that writes no progress for 3 s (a grid search), the others doing nothing; the
    // worker marks the upload alive every 500 ms (WORKER_HEARTBEAT_MS is 60 s in production).
    const SILENT_MS = 3000;
    const idle: TStageHandler = () => Promise.resolve();
    const stages: Record<TPipelineStage, TStageHandler> = {
      ingest: idle,
      rank: idle,
      train: () => new Promise((r) => setTimeout(r, SILENT_MS)),
      report: idle,
    };
    workers = startWorkers(stages, queues, { concurrency: 1, heartbeatMs: 500, trainMode: "inline" });
    const t = await seedTenant("sweep-heartbeat");
    const u = await createUpload({ tenantId: t.tenantId, filename: "c.log" });
    await enqueueStage(queues, "train", { tenantId: t.tenantId, uploadId: u.id });
    const started = await waitFor("the train stage running", async () => {
      const row = await getUpload({ tenantId: t.tenantId, id: u.id });
      return row.stage === "train" && row.status === "processing" ? row : null;
    });
    await new Promise((r) => setTimeout(r, SILENT_MS - 1000));
    const during = await getUpload({ tenantId: t.tenantId, id: u.id });
    expect(during.stage).toBe("train");
    expect(during.progress).toBe(started.progress);
    const beats = (during.heartbeatAt?.getTime() ?? 0) - (started.heartbeatAt?.getTime() ?? 0);
    console.log(
      `[sweep] heartbeat moved ${beats} ms in ${SILENT_MS - 1000} ms of a stage writing no progress`,
    );
    expect(beats).toBeGreaterThanOrEqual(1000);
    // A sweep that fails uploads silent for 1 s passes it by: it was seen alive within the last one.
    await sweepSilentUploads(1000, queues);
    expect((await getUpload({ tenantId: t.tenantId, id: u.id })).status).not.toBe("failed");
    const done = await waitFor("the upload done", async () => {
      const row = await getUpload({ tenantId: t.tenantId, id: u.id });
      return row.status === "done" ? row : null;
    });
    expect(done.error).toBeNull();
  });
});
