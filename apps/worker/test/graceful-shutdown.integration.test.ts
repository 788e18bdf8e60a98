import type { Job } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@mlsec/db";
import { seedTenant } from "@mlsec/db/test/factories";
import { createConnection, openQueues, QUEUE_NAMES, type TPipelineStage } from "@mlsec/jobs";
import {
  faultLog,
  outcome,
  settle,
  stageJob,
  submit,
  testPrefix,
  type TWorkerChild,
  waitFor,
  workerPool,
} from "./fault-harness.ts";
import { holdCommunityPool, POOL_WAIT_MS } from "../../../test/community-pool-lock.ts";

// Reads or writes the cross-tenant community pool: takes turns with the others (test/community-pool-lock.ts).
beforeAll(holdCommunityPool, POOL_WAIT_MS);

// Issue #20: SIGTERM to real worker processes (main.ts) in the middle of one chain. The first has a
// long deadline: its running job finishes, it takes no other, and it exits. The second has a short
// one (200 ms): its running train job is handed back to the queue (waiting again, not stalled) and it exits
// within the deadline. A third worker then completes the chain from where the others left it.
const prefix = testPrefix("shutdown");
const queues = openQueues(createConnection(), prefix);
// Training samples 300 rows: its grid search still runs for seconds, far past the second worker's
// deadline, and the chain stays short.
const pool = workerPool({ QUEUE_PREFIX: prefix, WORKER_LOCK_MS: "30000", TRAIN_MAX_ROWS: "300" });

afterAll(async () => {
  await pool.killAll();
  await queues.close();
  await closeDb();
});

/** The stage's job while the given worker runs it. */
async function runningOn(stage: TPipelineStage, uploadId: string, w: TWorkerChild): Promise<Job | null> {
  const job = await stageJob(queues, stage, uploadId);
  if (!job || (job.processedOn ?? 0) < w.startedAt) return null;
  return (await job.getState()) === "active" ? job : null;
}

async function sigterm(w: TWorkerChild): Promise<number | null> {
  const exited = new Promise<number | null>((r) => w.child.once("exit", (code) => r(code)));
  w.child.kill("SIGTERM");
  return exited;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

/** The JSON log lines of a worker's output (the harness keeps its last 40 lines). */
const jsonLines = (output: string): Record<string, unknown>[] =>
  output.split("\n").flatMap((line) => {
    try {
      const v: unknown = JSON.parse(line);
      return isRecord(v) ? [v] : [];
    } catch {
      return [];
    }
  });

const stateOf = async (stage: TPipelineStage, id: string) =>
  queues.get(QUEUE_NAMES[stage]).getJobState(`${stage}-${id}`);

describe("SIGTERM to a worker", () => {
  it("lets the running job finish within the deadline, or hands it back once the deadline passes", async () => {
    const t0 = Date.now();
    const mark = (what: string) => console.log(`[shutdown] ${what} at ${Date.now() - t0} ms`);
    const t = await seedTenant("shutdown");
    const first = await pool.start({ WORKER_SHUTDOWN_MS: "60000" });
    const id = await submit(queues, t.tenantId, "fw.log", faultLog());

    // Loaded ahead (not yet taking jobs), so what is timed is the shutdown, not module loading.
    const next = pool.prepare({ WORKER_SHUTDOWN_MS: "200" });
    const last = pool.prepare();

    // 1. The rank stage is running: it finishes, train is queued and left for another worker.
    await waitFor("rank running", () => runningOn("rank", id, first), 60_000, 20);
    mark("rank running");
    expect(await sigterm(first), first.output()).toBe(0);
    mark("first exited");
    expect(await stateOf("rank", id)).toBe("completed");
    // Queued: "prioritized" is BullMQ's waiting state for a job with a (fair-share) priority.
    expect(await stateOf("train", id)).toBe("prioritized");
    // Its log is JSON lines (pino), each job's naming its tenant, upload and job.
    const lines = jsonLines(first.output());
    expect(
      lines.some((l) => l.msg === "mlsec worker: finishing current jobs" && l.signal === "SIGTERM"),
    ).toBe(true);
    expect(lines).toContainEqual(
      expect.objectContaining({
        msg: "job completed",
        queue: "rank",
        jobId: `rank-${id}`,
        tenantId: t.tenantId,
        uploadId: id,
      }),
    );

    // 2. Training (a grid search) runs for seconds: a 200 ms deadline hands it back.
    const second = pool.go(await next);
    await waitFor("train running", () => runningOn("train", id, second), 60_000, 20);
    mark("train running");
    expect(await sigterm(second), second.output()).toBe(0);
    mark("second exited");
    // The worker's own hourly maintenance jobs may be running beside it and be handed back too.
    const handedBack = jsonLines(second.output()).flatMap((l) =>
      Array.isArray(l.handedBack) ? (l.handedBack as unknown[]) : [],
    );
    expect(handedBack, second.output()).toContain(`train/train-${id}`);
    const train = await stageJob(queues, "train", id);
    expect(await train?.getState()).toBe("prioritized");
    // Handed back, not stalled: it does not count towards the poison-job limit, nor as an attempt.
    expect(train?.stalledCounter).toBe(0);
    expect(train?.attemptsMade).toBe(0);

    // 3. Another worker finishes the chain.
    pool.go(await last);
    const done = await settle(t.tenantId, id);
    mark("done");
    expect(done.error).toBeNull();
    expect(done.status).toBe("done");
    const o = await outcome(t.tenantId, id);
    expect(o.rollups.events).toBe(done.events);
    expect(o.report.model).not.toBeNull();
  });
});
