import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb } from "@mlsec/db";
import { seedTenant } from "@mlsec/db/test/factories";
import {
  acquireTenantSlot,
  createConnection,
  fairPriority,
  openQueues,
  otherTenantsWaiting,
  PIPELINE_STAGES,
  QUEUE_NAMES,
  tenantShare,
} from "@mlsec/jobs";
import { faultLog, settle, stageJob, submit, testPrefix, waitFor, workerPool } from "./fault-harness.ts";

// Issue #21, fair sharing: one tenant's queue of uploads does not hold every worker slot while
// another tenant's single upload waits; a tenant runs at most WORKER_TENANT_CONCURRENCY jobs per
// queue, and the others' jobs are fetched first (packages/jobs fair-share.ts).
const prefix = testPrefix("fair-share");
const queues = openQueues(createConnection(), prefix);
const pool = workerPool({
  QUEUE_PREFIX: prefix,
  WORKER_CONCURRENCY: "2",
  WORKER_TENANT_CONCURRENCY: "1",
  TRAIN_MAX_ROWS: "1000",
});

afterAll(async () => {
  await pool.killAll();
  await queues.close();
  await closeDb();
});

describe("yielding to other tenants", () => {
  it("sees another tenant's waiting or running stage, not the asking tenant's own, nor a delayed one", async () => {
    // A prefix of its own: nothing else queues there, and no worker takes its jobs.
    const q = openQueues(createConnection(), testPrefix("fair-yield"));
    try {
      expect(await otherTenantsWaiting(q, "ta")).toBe(false);
      await q.get(QUEUE_NAMES.ingest).add("upload.ingest", { tenantId: "ta", uploadId: "a1" });
      await q.get(QUEUE_NAMES.rank).add("upload.rank", { tenantId: "tb", uploadId: "b1" }, { delay: 60_000 });
      // Only the asking tenant's own job, and another's delayed one (the fairness gate parks a
      // tenant's over-limit jobs there): nothing to yield to.
      expect(await otherTenantsWaiting(q, "ta")).toBe(false);
      const b = await q.get(QUEUE_NAMES.report).add("upload.report", { tenantId: "tb", uploadId: "b2" });
      expect(await otherTenantsWaiting(q, "ta")).toBe(true);
      expect(await otherTenantsWaiting(q, "tb")).toBe(true);
      // Only what came after the asking stage started counts: of two big uploads, the older yields.
      expect(await otherTenantsWaiting(q, "ta", b.timestamp)).toBe(false);
      expect(await otherTenantsWaiting(q, "ta", b.timestamp - 1)).toBe(true);
      await b.remove();
      expect(await otherTenantsWaiting(q, "tb")).toBe(true);
      expect(await otherTenantsWaiting(q, "ta")).toBe(false);
    } finally {
      await q.close();
    }
  });
});

describe("the fairness sets", () => {
  const redis = queues.connection;
  const at = (tenantId: string, jobId: string) => ({ prefix, queue: "ingest", tenantId, jobId });

  it("give a tenant's jobs priorities by its queue length, counting an id once", async () => {
    expect(await fairPriority(redis, at("ta", "a1"))).toBe(1);
    expect(await fairPriority(redis, at("ta", "a2"))).toBe(2);
    expect(await fairPriority(redis, at("ta", "a2"))).toBe(2);
    expect(await fairPriority(redis, at("ta", "a3"))).toBe(3);
    // Another tenant's first job goes level with the first tenant's first, ahead of its second.
    expect(await fairPriority(redis, at("tb", "b1"))).toBe(1);
    expect(await tenantShare(redis, { prefix, queue: "ingest", tenantId: "ta" })).toEqual({
      waiting: 3,
      running: 0,
    });
  });

  it("hold a tenant to its running limit, let a refetched job keep its slot, and free a lapsed one", async () => {
    const first = await acquireTenantSlot(redis, at("ta", "a1"), 1, 60_000);
    expect(first).not.toBeNull();
    expect(await acquireTenantSlot(redis, at("ta", "a2"), 1, 60_000)).toBeNull();
    // Other tenants are not held by it.
    expect(await acquireTenantSlot(redis, at("tb", "b1"), 1, 60_000)).not.toBeNull();
    // The same job fetched again (its worker died, the lock lapsed) takes its own slot back.
    expect(await acquireTenantSlot(redis, at("ta", "a1"), 1, 60_000)).not.toBeNull();
    expect(await tenantShare(redis, { prefix, queue: "ingest", tenantId: "ta" })).toEqual({
      waiting: 2,
      running: 1,
    });
    await first?.release();
    const second = await acquireTenantSlot(redis, at("ta", "a2"), 1, 300);
    expect(second).not.toBeNull();
    // Nobody renews it (a killed worker): after its lease another job of the tenant gets the slot.
    expect(await acquireTenantSlot(redis, at("ta", "a3"), 1, 60_000)).toBeNull();
    await sleep(400);
    expect(await acquireTenantSlot(redis, at("ta", "a3"), 1, 60_000)).not.toBeNull();
  });
});

describe("two tenants on one worker with two slots per queue", () => {
  it("runs the second tenant's one upload beside the first tenant's queue of four, never two of one tenant's jobs at once on a queue", async () => {
    const a = await seedTenant("fair-a");
    const b = await seedTenant("fair-b");
    const log = faultLog();
    await pool.start();
    const aIds: string[] = [];
    for (let i = 0; i < 4; i++) aIds.push(await submit(queues, a.tenantId, `a-${i}.log`, log));
    const [aFirst = ""] = aIds;
    // B arrives once A's first ingest runs and the rest of A's queue is waiting behind it.
    await waitFor("A's first ingest running", async () => {
      const job = await stageJob(queues, "ingest", aFirst);
      return job && (await job.isActive()) ? true : null;
    });
    const bId = await submit(queues, b.tenantId, "b.log", log);
    // How many running slots A holds on each queue, sampled until the work is done: the most seen.
    let sampling = true;
    const sampler = (async () => {
      const most = Object.fromEntries(PIPELINE_STAGES.map((st) => [st, 0]));
      while (sampling) {
        for (const st of PIPELINE_STAGES) {
          const share = await tenantShare(queues.connection, {
            prefix,
            queue: QUEUE_NAMES[st],
            tenantId: a.tenantId,
          });
          most[st] = Math.max(most[st] ?? 0, share.running);
        }
        await sleep(20);
      }
      return most;
    })();

    for (const id of aIds) expect((await settle(a.tenantId, id, 400_000)).error).toBeNull();
    expect((await settle(b.tenantId, bId, 400_000)).error).toBeNull();

    const ran = async (stage: (typeof PIPELINE_STAGES)[number], uploadId: string) => {
      const job = await stageJob(queues, stage, uploadId);
      if (!job?.processedOn || !job.finishedOn) throw new Error(`${stage}-${uploadId} has no run on record`);
      return { from: job.processedOn, to: job.finishedOn };
    };
    const reportDone = async (id: string) => (await ran("report", id)).to;
    const aDone = await Promise.all(aIds.map(reportDone));
    const bDone = await reportDone(bId);
    const order = [...aDone.map((t, i) => ({ who: `A${i + 1}`, t })), { who: "B", t: bDone }]
      .sort((x, y) => x.t - y.t)
      .map((x) => x.who);
    console.log(`fair-share: reports finished in the order ${order.join(", ")}`);
    // First come, first served, B's ingest would queue behind A's three waiting ones. Its jobs are
    // fetched first on every queue instead, so it finishes before A's third and fourth upload,
    // which each wait for all of A's earlier jobs on every queue.
    expect(bDone).toBeLessThan(aDone[2] ?? 0);
    expect(bDone).toBeLessThan(aDone[3] ?? 0);

    // A never held more than its one slot on a queue; the sampler did see it running.
    sampling = false;
    expect(await sampler).toEqual(Object.fromEntries(PIPELINE_STAGES.map((st) => [st, 1])));
    // Nothing is left counted as running or waiting once the work is done.
    for (const t of [a.tenantId, b.tenantId])
      for (const stage of PIPELINE_STAGES)
        expect(
          await tenantShare(queues.connection, { prefix, queue: QUEUE_NAMES[stage], tenantId: t }),
        ).toEqual({
          waiting: 0,
          running: 0,
        });
  }, 600_000);
});
