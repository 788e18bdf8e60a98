import { randomUUID } from "node:crypto";
import { Worker } from "bullmq";
import { afterAll, describe, expect, it } from "vitest";
import { createConnection, enqueueRetrain, openQueues, QUEUE_NAMES, retrainStatus } from "../src/index.ts";

// A queue prefix of its own, so no other run's worker takes these jobs.
const prefix = `test-${randomUUID()}`;
const queues = openQueues(createConnection(), prefix);
afterAll(() => queues.close());

describe("retrainStatus", () => {
  it("says queued, then running with its start, then nothing once the retrain finished; per tenant", async () => {
    const tenantId = `t-${randomUUID()}`;
    expect(await retrainStatus(queues, tenantId)).toBeNull();
    const before = Date.now();
    await enqueueRetrain(queues, { tenantId, reason: "verdicts" });
    const queued = await retrainStatus(queues, tenantId);
    expect(queued).toMatchObject({ state: "queued", reason: "verdicts", startedAt: null });
    expect(queued?.queuedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(await retrainStatus(queues, `t-${randomUUID()}`)).toBeNull();

    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    let started = () => {};
    const running = new Promise<void>((r) => (started = r));
    const worker = new Worker(
      QUEUE_NAMES.retrain,
      async () => {
        started();
        await held;
      },
      { connection: createConnection(), prefix },
    );
    try {
      await running;
      const active = await retrainStatus(queues, tenantId);
      expect(active?.state).toBe("running");
      expect(active?.startedAt).toBeInstanceOf(Date);
      const done = new Promise<void>((r) => worker.once("completed", () => r()));
      release();
      await done;
      expect(await retrainStatus(queues, tenantId)).toBeNull();
    } finally {
      await worker.close();
    }
  });
});
