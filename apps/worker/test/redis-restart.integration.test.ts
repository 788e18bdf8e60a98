import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getUpload } from "@mlsec/db";
import { seedTenant } from "@mlsec/db/test/factories";
import { createConnection, openQueues, type TQueues } from "@mlsec/jobs";
import { ownRedis, type TOwnRedis } from "../../../test/own-redis.ts";
import { faultLog, outcome, settle, submit, testPrefix, waitFor, workerPool } from "./fault-harness.ts";
import { holdCommunityPool, POOL_WAIT_MS } from "../../../test/community-pool-lock.ts";

// Reads or writes the cross-tenant community pool: takes turns with the others (test/community-pool-lock.ts).
beforeAll(holdCommunityPool, POOL_WAIT_MS);

// Issue #20: the Redis the queues live in restarts while a chain runs (a redis-server of the
// test's own, with persistence as production's needs, so a restart keeps the queues). The worker
// and the producer reconnect on their own; the upload completes, counted once.
const dir = mkdtempSync(join(tmpdir(), "mlsec-redis-"));
let redis: TOwnRedis | null = null;
let queues: TQueues | null = null;
const prefix = testPrefix("redis-restart");
let pool: ReturnType<typeof workerPool> | null = null;

afterAll(async () => {
  await pool?.killAll();
  await queues?.close();
  await redis?.stop();
  await closeDb();
  rmSync(dir, { recursive: true, force: true });
});

describe("Redis restarted mid-chain", () => {
  it("has the jobs resume and the upload complete, with its rollups once", async () => {
    redis = await ownRedis({ keepData: true, dir });
    queues = openQueues(createConnection({ REDIS_URL: redis.url, QUEUE_PREFIX: prefix }), prefix);
    // Training samples 1,000 rows, as in the kill-point test: the outage, not the grid search, is the point.
    pool = workerPool({
      REDIS_URL: redis.url,
      QUEUE_PREFIX: prefix,
      WORKER_LOCK_MS: "5000",
      TRAIN_MAX_ROWS: "1000",
    });
    await pool.start();
    const t = await seedTenant("redis-restart");
    const id = await submit(queues, t.tenantId, "fw.log", faultLog());

    // Past ingest, in the middle of the chain: the rank or train stage is running.
    const at = await waitFor("the chain past ingest", async () => {
      const u = await getUpload({ tenantId: t.tenantId, id });
      return u.status === "processing" && (u.stage === "rank" || u.stage === "train") ? u : null;
    });
    await redis.stop();
    // Long enough for every client to see the connection gone and start reconnecting.
    await new Promise((r) => setTimeout(r, 2000));
    await redis.start();
    console.log(
      `[redis-restart] Redis stopped for 2 s during the ${at.stage} stage (progress ${at.progress})`,
    );

    const done = await settle(t.tenantId, id, 120_000);
    expect(done.error).toBeNull();
    expect(done.status).toBe("done");
    expect(done.events).toBeGreaterThan(1000);
    // The rollups add up to the upload's events (re-run stages overwrite, never add), and the report exists.
    const o = await outcome(t.tenantId, id);
    expect(o.rollups.events).toBe(done.events);
    expect(o.report.ips.length).toBeGreaterThan(0);
    const w = pool.children[0];
    expect(w?.child.exitCode, w?.output()).toBeNull();
  });
});
