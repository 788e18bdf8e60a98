import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDbEnv } from "@mlsec/config";
import { closeDb, getDb, getUpload } from "@mlsec/db";
import { seedTenant } from "@mlsec/db/test/factories";
import { createConnection, openQueues, PIPELINE_STAGES } from "@mlsec/jobs";
import {
  faultLog,
  outcome,
  settle,
  stageJob,
  submit,
  testPrefix,
  waitFor,
  workerPool,
} from "./fault-harness.ts";
import { holdCommunityPool, POOL_WAIT_MS } from "../../../test/community-pool-lock.ts";

// Reads or writes the cross-tenant community pool: takes turns with the others (test/community-pool-lock.ts).
beforeAll(holdCommunityPool, POOL_WAIT_MS);

// Issue #20: a PostgreSQL connection of the worker killed (pg_terminate_backend) in the middle of
// a statement of a running stage. The worker's connections carry an application_name of this
// test's own, so the test finds them in pg_stat_activity and kills the first one it sees busy
// while the upload is processing. The stage fails, is retried, and the chain completes with no
// row twice: rollups that add up to the upload's events, one report, one model.
const app = `mlsec-fault-${randomUUID().slice(0, 8)}`;
const url = new URL(loadDbEnv().DATABASE_URL);
url.searchParams.set("application_name", app);
const prefix = testPrefix("pg-terminate");
const queues = openQueues(createConnection(), prefix);
const pool = workerPool({
  QUEUE_PREFIX: prefix,
  DATABASE_URL: url.toString(),
  WORKER_LOCK_MS: "5000",
  TRAIN_MAX_ROWS: "1000",
});

afterAll(async () => {
  await pool.killAll();
  await queues.close();
  await closeDb();
});

type TBackend = { pid: number; query: string };

describe("a PostgreSQL connection killed mid-stage", () => {
  it("has the stage retried and the chain complete with no duplicate rows", async () => {
    await pool.start();
    const t = await seedTenant("pg-terminate");
    const id = await submit(queues, t.tenantId, "fw.log", faultLog());

    const killed = await waitFor(
      // A write of the stage: a read such as a progress check may be absorbed without failing it,
      // and the worker's own maintenance (the rollup-partitions job's CREATE and ANALYZE, run when
      // it starts) is no stage's, so its failure retries nothing the test could see.
      "a busy connection of the worker writing",
      async () => {
        const busy = await getDb().$queryRaw<TBackend[]>`
          SELECT pid, query FROM pg_stat_activity
          WHERE application_name = ${app} AND state = 'active' AND pid <> pg_backend_pid()
            AND lower(ltrim(query)) LIKE ANY (ARRAY['copy %', 'insert %', 'update %', 'delete %', 'with %'])`;
        const victim = busy[0];
        if (!victim) return null;
        const [done] = await getDb().$queryRaw<
          { ok: boolean }[]
        >`SELECT pg_terminate_backend(${victim.pid}) AS ok`;
        if (!done?.ok) return null;
        const u = await getUpload({ tenantId: t.tenantId, id });
        return { ...victim, stage: u.stage };
      },
      60_000,
      5,
    );
    console.log(
      `[pg-terminate] killed backend ${killed.pid} in ${killed.stage}: ${killed.query.slice(0, 80)}`,
    );

    const done = await settle(t.tenantId, id, 120_000);
    expect(done.error).toBeNull();
    expect(done.status).toBe("done");
    const o = await outcome(t.tenantId, id);
    expect(o.rollups.events).toBe(done.events);
    expect(done.events).toBeGreaterThan(1000);
    expect(await getDb().report.count({ where: { tenantId: t.tenantId } })).toBe(1);
    expect(await getDb().model.count({ where: { tenantId: t.tenantId } })).toBe(1);
    // The killed statement failed its stage's attempt, and another attempt finished it. Which stage:
    // the one whose job ran more than once (the upload's stage read after the kill can already be
    // the next one when the statement was the stage's last).
    const jobs = await Promise.all(
      PIPELINE_STAGES.map(async (stage) => ({
        stage,
        job: await stageJob(queues, stage, id),
      })),
    );
    const retried = jobs.find((j) => (j.job?.attemptsMade ?? 0) >= 2);
    expect(
      retried,
      `no stage ran twice after the kill in ${killed.stage ?? "?"}: ${jobs.map((j) => `${j.stage} ${j.job?.attemptsMade}`).join(", ")}`,
    ).toBeDefined();
    console.log(
      `[pg-terminate] ${retried?.stage} ran ${retried?.job?.attemptsMade} times; failure: ${retried?.job?.stacktrace?.[0]?.split("\n")[0]}`,
    );
    const w = pool.children[0];
    expect(w?.child.exitCode, w?.output()).toBeNull();
  });
});
