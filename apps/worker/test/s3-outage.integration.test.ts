import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadS3Env } from "@mlsec/config";
import { closeDb, createUpload, getUpload, setUploadStored } from "@mlsec/db";
import { seedTenant } from "@mlsec/db/test/factories";
import { createConnection, enqueueStage, openQueues, QUEUE_NAMES } from "@mlsec/jobs";
import { createStorage, putStream, uploadKey } from "@mlsec/storage";
import { startS3Server } from "../../../infra/s3-server.ts";
import { freePort } from "../../../test/own-redis.ts";
import { outcome, settle, testPrefix, waitFor, workerPool } from "./fault-harness.ts";
import { holdCommunityPool, POOL_WAIT_MS } from "../../../test/community-pool-lock.ts";

// Reads or writes the cross-tenant community pool: takes turns with the others (test/community-pool-lock.ts).
beforeAll(holdCommunityPool, POOL_WAIT_MS);

// Issue #20: the S3 server goes away for 10 s while an upload is ingested. An S3 server of the
// test's own (infra/s3-server.ts on another port and directory; the shared one on 4568 is left
// alone), stopped once the stored upload's ingest is queued and started again 10 s later: the
// ingest fails on the missing server, is retried with backoff, and the chain then completes.
const OUTAGE_MS = 10_000;
const dir = mkdtempSync(join(tmpdir(), "mlsec-s3-"));
const prefix = testPrefix("s3-outage");
const queues = openQueues(createConnection(), prefix);
let server: { close: () => Promise<void> } | null = null;
let pool: ReturnType<typeof workerPool> | null = null;

afterAll(async () => {
  await pool?.killAll();
  await server?.close();
  await queues.close();
  await closeDb();
  rmSync(dir, { recursive: true, force: true });
});

describe("the S3 server stopped for 10 s during ingest", () => {
  it("has the ingest retried with backoff, then the upload complete", async () => {
    const endpoint = `http://127.0.0.1:${await freePort()}`;
    const env = loadS3Env({ S3_ENDPOINT: endpoint, S3_LOCAL_DIR: dir });
    const storage = createStorage(env);
    server = await startS3Server(env);
    pool = workerPool({
      QUEUE_PREFIX: prefix,
      S3_ENDPOINT: endpoint,
      WORKER_LOCK_MS: "5000",
      TRAIN_MAX_ROWS: "200",
    });
    await pool.start();
    await waitFor("the worker to start", () =>
      Promise.resolve(/worker ready/.test(pool?.children[0]?.output() ?? "") ? true : null),
    );

    const t = await seedTenant("s3-outage");
    // A small log (two sources, 120 lines): the outage and the retries are what this test is about.
    const lines = Array.from(
      { length: 120 },
      (_, i) =>
        `Jan  1 00:${String(i % 60).padStart(2, "0")}:03 fw01 kernel: [UFW BLOCK] IN=eth0 OUT= MAC= SRC=${i % 2 ? "45.33.32.156" : "198.51.100.23"} DST=192.0.2.7 LEN=40 PROTO=TCP SPT=40000 DPT=${i % 2 ? 3389 : 22}`,
    );
    const body = Buffer.from(`${lines.join("\n")}\n`);
    const upload = await createUpload({ tenantId: t.tenantId, filename: "fw.log" });
    const stored = await putStream({
      key: uploadKey(t.tenantId, upload.id, "fw.log"),
      body: Readable.from([body]),
      storage,
    });
    await setUploadStored({ tenantId: t.tenantId, id: upload.id, ...stored, s3Key: stored.key });

    await server.close();
    const stoppedAt = Date.now();
    const jobId = await enqueueStage(queues, "ingest", { tenantId: t.tenantId, uploadId: upload.id });
    const job = () => queues.get(QUEUE_NAMES.ingest).getJob(jobId);
    // At least one attempt fails while the server is away, and the job waits for its retry.
    await waitFor("an ingest attempt to fail", async () =>
      ((await job())?.attemptsMade ?? 0) >= 1 ? true : null,
    );
    await new Promise((r) => setTimeout(r, Math.max(0, OUTAGE_MS - (Date.now() - stoppedAt))));
    const failedWhileDown = (await job())?.attemptsMade ?? 0;
    server = await startS3Server(env);
    console.log(
      `[s3-outage] S3 stopped ${Date.now() - stoppedAt} ms; ${failedWhileDown} ingest attempts failed meanwhile`,
    );

    const restartedAt = Date.now();
    const done = await settle(t.tenantId, upload.id, 120_000);
    console.log(`[s3-outage] the chain finished ${Date.now() - restartedAt} ms after S3 came back`);
    expect(done.error).toBeNull();
    expect(done.status).toBe("done");
    const ingest = await job();
    expect(await ingest?.getState()).toBe("completed");
    console.log(
      `[s3-outage] ingest ran ${ingest?.attemptsMade} times; first failure: ${ingest?.stacktrace?.[0]?.split("\n")[0]}`,
    );
    expect(ingest?.attemptsMade).toBeGreaterThanOrEqual(failedWhileDown);
    expect(failedWhileDown).toBeGreaterThanOrEqual(1);
    // Counted once: the rollups add up to the upload's events, and the report came from this server.
    const o = await outcome(t.tenantId, upload.id, storage);
    expect(o.rollups.events).toBe(done.events);
    expect(done.lines).toBe(lines.length);
    expect(o.report.ips.length).toBeGreaterThan(0);
    expect((await getUpload({ tenantId: t.tenantId, id: upload.id })).error).toBeNull();
  });
});
