import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createConnection, enqueueStage, openQueues, QUEUE_NAMES } from "../src/index.ts";

// A queue prefix of its own, so this test never sees or disturbs another run's jobs.
const queues = openQueues(createConnection(), `test-${randomUUID()}`);
afterAll(() => queues.close());

describe("enqueueStage", () => {
  it("adds one job per stage and upload however often it is called", async () => {
    const payload = { tenantId: "t1", uploadId: `u-${randomUUID()}` };
    const first = await enqueueStage(queues, "ingest", payload);
    const second = await enqueueStage(queues, "ingest", payload);
    expect(second).toBe(first);
    // Pipeline jobs carry their tenant's fair-share priority, so BullMQ lists them as prioritized.
    const waiting = await queues.get(QUEUE_NAMES.ingest).getJobs(["waiting", "prioritized"]);
    expect(
      waiting.filter((j) => (j.data as { uploadId?: string }).uploadId === payload.uploadId),
    ).toHaveLength(1);
  });

  it("refuses a payload without ids", async () => {
    await expect(enqueueStage(queues, "rank", { tenantId: "", uploadId: "x" })).rejects.toThrow();
  });
});
