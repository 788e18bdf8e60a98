import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import type { Job } from "bullmq";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, createUpload, getUpload, setUploadStored } from "@mlsec/db";
import { seedTenant } from "@mlsec/db/test/factories";
import { createConnection, enqueueStage, openQueues } from "@mlsec/jobs";
import { putStream, uploadKey } from "@mlsec/storage";
import { stageJob } from "./fault-harness.ts";

// Real worker processes on a queue prefix of this test's own, with a 5 s lock so a killed worker's
// job is noticed in seconds rather than the production 30 s. Not shorter: the train stage builds
// its data set on the main thread, and a 1 s lock was lost while it did (the bystander's job was
// then run again and the test timed out).
const prefix = `test-poison-${randomUUID()}`;
const queues = openQueues(createConnection(), prefix);
const children: ChildProcess[] = [];

function startWorker(): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "apps/worker/src/main.ts"], {
    env: {
      // eslint-disable-next-line no-restricted-properties -- a child process inherits this one's environment
      ...process.env,
      QUEUE_PREFIX: prefix,
      WORKER_LOCK_MS: "5000",
      WORKER_CONCURRENCY: "1",
      // No grid search left running after the report (background mode's), eating CI's CPU.
      WORKER_TRAIN_MODE: "inline",
    },
    stdio: "ignore",
  });
  children.push(child);
  return child;
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGKILL");
  await exited;
}

afterAll(async () => {
  await Promise.all(children.map(kill));
  await queues.close();
  await closeDb();
});

async function waitFor<T>(what: string, probe: () => Promise<T | null>, timeoutMs = 45_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== null) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function submit(tenantId: string): Promise<string> {
  const upload = await createUpload({ tenantId, filename: "ufw.log.gz" });
  const stored = await putStream({
    key: uploadKey(tenantId, upload.id, "ufw.log.gz"),
    body: createReadStream("samples/ufw.log.gz"),
  });
  await setUploadStored({
    tenantId,
    id: upload.id,
    s3Key: stored.key,
    sizeBytes: stored.sizeBytes,
    sha256: stored.sha256,
  });
  await enqueueStage(queues, "ingest", { tenantId, uploadId: upload.id });
  return upload.id;
}

/** The train job of an upload while a worker runs it, after `stalls` earlier deaths of its worker. */
async function runningTrain(uploadId: string, stalls: number): Promise<Job | null> {
  const job = await stageJob(queues, "train", uploadId);
  if (!job || job.stalledCounter !== stalls) return null;
  return (await job.getState()) === "active" ? job : null;
}

/** Whether any stage job of an upload is running: the kills must hit the poisoned tenant's job only. */
async function anyRunning(uploadId: string): Promise<boolean> {
  for (const stage of ["ingest", "rank", "train", "report"] as const) {
    const job = await stageJob(queues, stage, uploadId);
    if (job && (await job.getState()) === "active") return true;
  }
  return false;
}

describe("a job whose worker dies twice", () => {
  it("is failed with the reason on the upload, and another tenant's upload still completes", async () => {
    const poisoned = await seedTenant("poison");
    const other = await seedTenant("poison-bystander");
    const poisonedId = await submit(poisoned.tenantId);
    const otherId = await submit(other.tenantId);

    // The worker dies while it trains the first tenant's model: once (handed to the next worker),
    // then again on that worker (failed, not handed out a third time).
    let worker = startWorker();
    for (const stalls of [0, 1]) {
      await waitFor(`the train job running after ${stalls} deaths`, async () =>
        (await anyRunning(otherId)) ? null : runningTrain(poisonedId, stalls),
      );
      await kill(worker);
      worker = startWorker();
    }

    const failed = await waitFor("the poisoned upload to fail", async () => {
      const u = await getUpload({ tenantId: poisoned.tenantId, id: poisonedId });
      return u.status === "failed" || u.status === "done" ? u : null;
    });
    expect(failed.status).toBe("failed");
    expect(failed.error).toBe(
      "train failed: the worker stopped 2 times while running this stage (out of memory or killed?); not retried",
    );
    const job = await stageJob(queues, "train", poisonedId);
    expect(await job?.getState()).toBe("failed");

    let last = "";
    // Its train stage is a full grid search: on a busy CI machine that alone can take a minute.
    const done = await waitFor(
      "the other tenant's upload",
      async () => {
        const u = await getUpload({ tenantId: other.tenantId, id: otherId });
        last = `${u.status}/${u.stage ?? "-"}/${u.progress}`;
        return u.status === "failed" || u.status === "done" ? u : null;
      },
      150_000,
    ).catch((err: Error) => {
      throw new Error(`${err.message} (it is ${last})`);
    });
    expect(done.error).toBeNull();
    expect(done.status).toBe("done");
  }, 300_000);
});
