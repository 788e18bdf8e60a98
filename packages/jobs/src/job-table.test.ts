import { describe, expect, it } from "vitest";
import { JOB_NAMES, QUEUE_NAMES } from "./definitions.ts";
import { JOBS, jobsOfQueue, parseJob } from "./job-table.ts";
import { isPermanent, PermanentJobError } from "./permanent-error.ts";

describe("the job table", () => {
  it("has an entry for every job name and at least one job on every queue", () => {
    expect(Object.keys(JOBS).sort()).toEqual(Object.values(JOB_NAMES).sort());
    for (const queue of Object.values(QUEUE_NAMES)) expect(jobsOfQueue(queue).length).toBeGreaterThan(0);
  });

  it("parses a job by its entry, applying the schema's defaults", () => {
    expect(
      parseJob({ name: JOB_NAMES.retrain, queueName: QUEUE_NAMES.retrain, data: { tenantId: "t" } }),
    ).toEqual({
      name: JOB_NAMES.retrain,
      data: { tenantId: "t", reason: "manual" },
    });
  });

  it("refuses an unknown name, a wrong queue and a bad payload as permanent errors", () => {
    const cases = [
      { name: "upload.nope", queueName: QUEUE_NAMES.ingest, data: {} },
      { name: JOB_NAMES.ingest, queueName: QUEUE_NAMES.rank, data: { tenantId: "t", uploadId: "u" } },
      { name: JOB_NAMES.ingest, queueName: QUEUE_NAMES.ingest, data: { tenantId: "t" } },
    ];
    for (const job of cases) {
      let thrown: unknown;
      try {
        parseJob(job);
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toBeInstanceOf(PermanentJobError);
      expect(isPermanent(thrown)).toBe(true);
    }
    expect(isPermanent(new Error("ECONNRESET"))).toBe(false);
  });
});
