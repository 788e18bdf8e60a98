import { afterAll, describe, expect, it } from "vitest";
import {
  closeDb,
  getReportForUpload,
  getSessionOperator,
  getUpload,
  listMembers,
  listModels,
  NotFoundError,
  readRollups,
  setPlatformOperator,
} from "@mlsec/db";
import { seedTenant } from "@mlsec/db/test/factories";
import { createConnection, openQueues, QUEUE_NAMES, stageJobId } from "@mlsec/jobs";
import { CANCEL_REASON, cancelOperatorJob } from "@mlsec/pipeline/operator";
import {
  describeOutcome,
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

// Issue #20: the operator cancels a stage while a worker runs it, through the function the
// operator's route calls: an ingest of a log 25 times the fault log (seconds of reading), and the
// train stage of the fault log with the default sample cap (10,000 rows: all of its rows), whose
// grid search runs for seconds in threads without a progress report.
const prefix = testPrefix("cancel-running");
const queues = openQueues(createConnection(), prefix);
const pool = workerPool({ QUEUE_PREFIX: prefix, WORKER_LOCK_MS: "5000" });

afterAll(async () => {
  await pool.killAll();
  await queues.close();
  await closeDb();
});

async function platformOperator() {
  const t = await seedTenant("cancel-operator");
  const [member] = await listMembers(t.tenantId);
  await setPlatformOperator(member?.email ?? "", true);
  const operator = await getSessionOperator(t.userId, 0);
  if (!operator) throw new Error("the operator flag did not take");
  return operator;
}

/** The worker's log line for the end of a job's attempt: it failed, taken away by the cancel. */
function endedAttempt(worker: TWorkerChild, jobId: string): Promise<string> {
  return waitFor(`the worker to end the cancelled attempt of ${jobId}`, () => {
    const line = worker
      .output()
      .split("\n")
      .find((l) => l.includes(`"jobId":"${jobId}"`) && l.includes('"msg":"job failed"'));
    return Promise.resolve(line ?? null);
  });
}

describe("an operator's cancel of a running stage", () => {
  it("stops an ingest and a train stage, fails their uploads with the operator's reason, and the worker goes on", async () => {
    const operator = await platformOperator();
    const worker = await pool.start();
    const log = faultLog();

    // An ingest, cancelled once it has read part of the file. 60 copies (about 490k lines): on a
    // quiet machine 25 were read to the end within the second the worker takes to see the cancel.
    const COPIES = 60;
    const big = Buffer.concat(Array.from({ length: COPIES }, () => log));
    const bigLines = COPIES * (log.toString().split("\n").length - 1);
    const reading = await seedTenant("cancel-ingest");
    const bigId = await submit(queues, reading.tenantId, "big.log", big);
    const ingestJob = stageJobId("ingest", bigId);
    const midIngest = await waitFor("the ingest reading", async () => {
      const u = await getUpload({ tenantId: reading.tenantId, id: bigId });
      return u.stage === "ingest" && u.progress > 0 ? u : null;
    });
    expect(await cancelOperatorJob(operator, queues, { queue: "ingest", id: ingestJob })).toEqual({
      queue: "ingest",
      id: ingestJob,
      outcome: "failed",
    });
    const ingestEnded = await endedAttempt(worker, ingestJob);
    console.log(
      `cancel-running: at ${midIngest.progress.toFixed(1)}% of the ingest; the worker logged ${ingestEnded}`,
    );
    expect(ingestEnded).toContain("no longer this worker's");

    const cancelled = await seedTenant("cancel-running");
    const id = await submit(queues, cancelled.tenantId, "fw.log", log);
    const trainJob = stageJobId("train", id);
    // Active, and past its first progress write: the stage's own work has begun.
    const job = await waitFor("the train stage running", async () => {
      const j = await queues.get(QUEUE_NAMES.train).getJob(trainJob);
      if (!j || (await j.getState()) !== "active") return null;
      const u = await getUpload({ tenantId: cancelled.tenantId, id });
      return `${u.status}/${u.stage ?? "-"}` === "processing/train" ? j : null;
    });

    const result = await cancelOperatorJob(operator, queues, { queue: "train", id: trainJob });
    expect(result).toEqual({ queue: "train", id: trainJob, outcome: "failed" });

    // The worker's handler ends: its log says the train attempt failed, taken away by the cancel.
    const ended = await endedAttempt(worker, trainJob);
    console.log(`cancel-running: the worker logged ${ended}`);
    expect(ended).toContain("no longer this worker's");

    // A second upload of another tenant goes through the whole chain on the same worker.
    const next = await seedTenant("cancel-after");
    const nextId = await submit(queues, next.tenantId, "fw.log", log);
    const done = await settle(next.tenantId, nextId);
    expect(done.status, done.error ?? "").toBe("done");
    console.log(`cancel-running: the next upload ${describeOutcome(await outcome(next.tenantId, nextId))}`);
    expect((await listModels(next.tenantId)).length).toBe(1);

    // Whatever the cancelled stage did not finish by now it never will: it stopped, not ran on.
    const after = await getUpload({ tenantId: cancelled.tenantId, id });
    expect(after.status).toBe("failed");
    expect(after.error).toBe(`train failed: ${CANCEL_REASON}`);
    expect(await (await queues.get(QUEUE_NAMES.train).getJob(trainJob))?.getState()).toBe("failed");
    expect(job.id).toBe(trainJob);
    // Nothing after train: no report job, no report; and train's own output, a model, never registered.
    expect(await stageJob(queues, "report", id)).toBeUndefined();
    await expect(getReportForUpload({ tenantId: cancelled.tenantId, uploadId: id })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect(await listModels(cancelled.tenantId)).toEqual([]);

    // The ingest stopped reading: its rollups hold part of the file, its counts were never written.
    const stopped = await getUpload({ tenantId: reading.tenantId, id: bigId });
    expect(stopped.status).toBe("failed");
    expect(stopped.error).toBe(`ingest failed: ${CANCEL_REASON}`);
    expect(stopped.lines).toBe(midIngest.lines);
    let events = 0;
    for await (const { rollup } of readRollups({
      tenantId: reading.tenantId,
      sourceKey: stopped.sha256 ?? "",
    }))
      events += rollup.events;
    console.log(
      `cancel-running: the cancelled ingest left ${events} of the file's ${bigLines} events in rollups`,
    );
    expect(events).toBeLessThan(bigLines);
    expect(await stageJob(queues, "rank", bigId)).toBeUndefined();
    expect(worker.child.exitCode).toBeNull();
  }, 240_000);
});
