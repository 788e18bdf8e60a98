import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getUpload, toUploadView } from "@mlsec/db";
import { seedTenant } from "@mlsec/db/test/factories";
import { createConnection, openQueues } from "@mlsec/jobs";
import { faultLog, outcome, settle, submit, testPrefix, workerPool } from "./fault-harness.ts";
import { holdCommunityPool, POOL_WAIT_MS } from "../../../test/community-pool-lock.ts";

// Reads or writes the cross-tenant community pool: takes turns with the others (test/community-pool-lock.ts).
beforeAll(holdCommunityPool, POOL_WAIT_MS);

// Issue #20: the same file uploaded twice counts once (rollups are keyed by the content's SHA-256
// and overwritten), and the second upload tells its user which upload it duplicates.
const prefix = testPrefix("duplicate");
const queues = openQueues(createConnection(), prefix);
const pool = workerPool({ QUEUE_PREFIX: prefix, TRAIN_MAX_ROWS: "1000" });

afterAll(async () => {
  await pool.killAll();
  await queues.close();
  await closeDb();
});

describe("the same file uploaded twice", () => {
  it("leaves the rollups of one upload and notes the duplicate on the second", async () => {
    const t = await seedTenant("duplicate");
    const log = faultLog();
    const lines = log.toString().split("\n").length - 1;
    await pool.start();

    const firstId = await submit(queues, t.tenantId, "fw.log", log);
    expect((await settle(t.tenantId, firstId)).error).toBeNull();
    const first = await outcome(t.tenantId, firstId);
    const secondId = await submit(queues, t.tenantId, "fw-again.log", log);
    const second = await settle(t.tenantId, secondId);
    expect(second.error).toBeNull();
    const again = await outcome(t.tenantId, secondId);

    expect(first.rollups.events).toBe(lines);
    expect(again.rollups).toEqual(first.rollups);
    expect(again.counts).toEqual(first.counts);
    expect(again.report.summary).toEqual(first.report.summary);
    // What GET /api/v1/uploads/:id answers (the route returns this view as it is).
    expect(toUploadView(await getUpload({ tenantId: t.tenantId, id: firstId })).note).toBeNull();
    expect(toUploadView(second).note).toMatch(new RegExp(`^duplicate of upload ${firstId}\\b`));
  }, 240_000);
});
