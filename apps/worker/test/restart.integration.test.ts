import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, createUpload, getDb, getUpload, setUploadStored } from "@mlsec/db";
import { seedTenant } from "@mlsec/db/test/factories";
import { createConnection, enqueueStage, openQueues } from "@mlsec/jobs";
import { putStream, uploadKey } from "@mlsec/storage";

// Worker processes of this test's own, on a queue prefix nobody else uses, with a short lock so a
// killed worker's job is noticed in seconds rather than the production 30 s.
const prefix = `test-restart-${randomUUID()}`;
const queues = openQueues(createConnection(), prefix);
const children: ChildProcess[] = [];

function startWorker(): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "apps/worker/src/main.ts"], {
    env: {
      // eslint-disable-next-line no-restricted-properties -- a child process inherits this one's environment
      ...process.env,
      QUEUE_PREFIX: prefix,
      // 5 s, not 2: on a loaded CI machine the second worker's own lock lapsed once while it
      // trained (the job counted a second stall and failed), which is not what this test is about.
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

afterAll(async () => {
  children.forEach((c) => c.kill("SIGKILL"));
  await queues.close();
  await closeDb();
});

async function waitFor<T>(what: string, probe: () => Promise<T | null>, timeoutMs = 120_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== null) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("a worker killed mid-job", () => {
  it("has its job finished by another worker, without duplicated rollups", async () => {
    const t = await seedTenant("restart");
    const upload = await createUpload({ tenantId: t.tenantId, filename: "ufw.log.gz" });
    const stored = await putStream({
      key: uploadKey(t.tenantId, upload.id, "ufw.log.gz"),
      body: createReadStream("samples/ufw.log.gz"),
    });
    await setUploadStored({
      tenantId: t.tenantId,
      id: upload.id,
      s3Key: stored.key,
      sizeBytes: stored.sizeBytes,
      sha256: stored.sha256,
    });
    const first = startWorker();
    await enqueueStage(queues, "ingest", { tenantId: t.tenantId, uploadId: upload.id });

    // Training is the longest stage on the sample: kill the worker while it trains.
    await waitFor("the train stage", async () => {
      const u = await getUpload({ tenantId: t.tenantId, id: upload.id });
      return u.stage === "train" && u.status === "processing" ? u : null;
    });
    first.kill("SIGKILL");
    const rollupsAtKill = await getDb().ipDayRollup.count({ where: { tenantId: t.tenantId } });

    startWorker();
    const done = await waitFor("the upload to finish", async () => {
      const u = await getUpload({ tenantId: t.tenantId, id: upload.id });
      return u.status === "done" || u.status === "failed" ? u : null;
    });
    expect(done.error).toBeNull();
    expect(done.status).toBe("done");
    expect(await getDb().ipDayRollup.count({ where: { tenantId: t.tenantId } })).toBe(rollupsAtKill);
    expect(await getDb().report.count({ where: { tenantId: t.tenantId } })).toBe(1);
  });
});
