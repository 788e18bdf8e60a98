import { createReadStream } from "node:fs";
import { QueueEvents } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb, latestCommunityRun } from "@mlsec/db";
import { seedTenant } from "@mlsec/db/test/factories";
import { createConnection, JOB_NAMES, QUEUE_NAMES } from "@mlsec/jobs";
import { inProcessPipeline } from "./in-process-pipeline.ts";
import { holdCommunityPool, POOL_WAIT_MS } from "../../../test/community-pool-lock.ts";

// Reads or writes the cross-tenant community pool: takes turns with the others (test/community-pool-lock.ts).
beforeAll(holdCommunityPool, POOL_WAIT_MS);

const pipeline = inProcessPipeline();
// The sample logs run 2026-10-01..21, so their report is as of 2026-10-22; the job imports the
// feeds as the listing of the day before its as-of day.
const AS_OF = "2026-10-22";
const FEED_DAY = new Date("2026-10-21T00:00:00Z");

beforeAll(() => pipeline.start());
afterAll(async () => {
  await pipeline.stop();
  // The pool is global: leave no feed rows to give other tests' models community columns.
  await getDb().communityContribution.deleteMany({
    where: { contributorId: { startsWith: "feed:" }, day: FEED_DAY },
  });
  await closeDb();
});

describe("community job on the maintenance queue", () => {
  it("refreshes the pool, and the next upload trains and reports with community columns", async () => {
    const queue = pipeline.queues.get(QUEUE_NAMES.maintenance);
    const events = new QueueEvents(queue.name, { connection: createConnection(), prefix: queue.opts.prefix });
    try {
      const job = await queue.add(JOB_NAMES.communityRefresh, { asOf: AS_OF });
      const result = (await job.waitUntilFinished(events, 120_000)) as {
        asOf: string;
        pool: { feeds: number };
      };
      expect(result.asOf).toBe(AS_OF);
      expect(result.pool.feeds).toBeGreaterThanOrEqual(2);
    } finally {
      await events.close();
    }
    expect((await latestCommunityRun())?.asOf.toISOString().slice(0, 10)).toBe(AS_OF);

    const t = await seedTenant("community");
    const id = await pipeline.submit(t.tenantId, "ufw.log.gz", createReadStream("samples/ufw.log.gz"));
    const { upload } = await pipeline.settle(t.tenantId, id);
    expect(upload.error).toBeNull();
    const report = await pipeline.reportOf(t.tenantId, id);
    expect(report.asOf).toBe(AS_OF);
    // Every IP says which side drove its score, and the first reason says it in words.
    expect(report.ips.every((ip) => ip.driver !== undefined)).toBe(true);
    expect(Object.keys(report.ips[0]?.features ?? {})).toContain("ip:community");
    expect(report.ips[0]?.reasons[0]).toMatch(/^(driven by|neither)/);
  });
});
