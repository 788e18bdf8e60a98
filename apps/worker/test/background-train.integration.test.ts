import { createReadStream } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getActiveModel, getDb, getReportForUpload, listModels, markUploadDone } from "@mlsec/db";
import { seedTenant } from "@mlsec/db/test/factories";
import { QUEUE_NAMES, ZRetrainJob } from "@mlsec/jobs";
import { QUICK_FIT, type TRescoreResult } from "@mlsec/pipeline";
import { runRetrain } from "../src/stages/retrain.ts";
import { waitFor } from "./fault-harness.ts";
import { inProcessPipeline } from "./in-process-pipeline.ts";

// WORKER_TRAIN_MODE=background, the default: the report goes out with the model at hand and the
// grid search runs after it, as a retrain job that re-scores the report when its model is promoted.
const pipeline = inProcessPipeline();
const { queues, reportOf } = pipeline;

beforeAll(() => pipeline.start({ trainMode: "background" }));
afterAll(async () => {
  await pipeline.stop();
  await closeDb();
});

/** The tenant's retrain job once it has completed. */
const retrainCompleted = (tenantId: string) =>
  waitFor(
    "the upload's retrain to complete",
    async () => {
      const done = await queues.get(QUEUE_NAMES.retrain).getJobs(["completed"]);
      return done.find((j) => ZRetrainJob.parse(j.data).tenantId === tenantId) ?? null;
    },
    180_000,
    250,
  );

async function uploadSample(tenantId: string): Promise<{ id: string; submittedAt: Date }> {
  const submittedAt = new Date();
  const id = await pipeline.submit(tenantId, "ufw.log.gz", createReadStream("samples/ufw.log.gz"));
  const { upload } = await pipeline.settle(tenantId, id);
  if (upload.status !== "done") throw new Error(`upload failed: ${upload.error ?? ""}`);
  return { id, submittedAt };
}

describe("training in the background", () => {
  it("reports a new tenant's upload with a quick fit, then re-scores it with the grid search's model", async () => {
    const t = await seedTenant("background-train");
    const first = await uploadSample(t.tenantId);
    const quick = await reportOf(t.tenantId, first.id);
    // The chain fitted one (C, gamma) instead of searching the grid: model 1 is the quick fit.
    expect(quick.model).toMatchObject({ version: 1, c: QUICK_FIT.c, gamma: QUICK_FIT.gamma });
    const reportRow = await getReportForUpload({ tenantId: t.tenantId, uploadId: first.id });

    // The retrain queued after the report searches the grid, is promoted over the quick fit, and
    // re-scores the report that fit made.
    const retrain = await retrainCompleted(t.tenantId);
    expect(ZRetrainJob.parse(retrain.data).reason).toBe("upload");
    const active = await getActiveModel(t.tenantId);
    expect(active?.version).toBe(2);
    const rescore = (retrain.returnvalue as { rescore?: TRescoreResult }).rescore;
    expect(rescore).toEqual({ rescored: [first.id], failed: [] });
    const rescored = await reportOf(t.tenantId, first.id);
    expect(rescored.model?.version).toBe(2);
    // The same addresses, in the order of their new scores.
    const addresses = (r: typeof quick) => r.ips.map((i) => i.ip).sort();
    expect(addresses(rescored)).toEqual(addresses(quick));
    // Same report row, same creation time: a re-scored report never outranks a newer one's decisions.
    const rowAfter = await getReportForUpload({ tenantId: t.tenantId, uploadId: first.id });
    expect(rowAfter.id).toBe(reportRow.id);
    expect(rowAfter.createdAt).toEqual(reportRow.createdAt);
    expect(rowAfter.modelId).toBe(active?.id);
    // What the tenant lists now comes from the promoted model.
    const decisionModels = await getDb().decision.groupBy({
      by: ["modelId"],
      where: { tenantId: t.tenantId },
      _count: true,
    });
    expect(decisionModels.map((d) => d.modelId)).toEqual([active?.id]);
    expect(decisionModels[0]?._count).toBe(rescored.ips.length);

    // A tenant with an active model trains nothing before its report: no model was made between
    // the second upload's submission and its report.
    const second = await uploadSample(t.tenantId);
    const secondRow = await getReportForUpload({ tenantId: t.tenantId, uploadId: second.id });
    const madeInChain = (await listModels(t.tenantId)).filter(
      (m) => m.createdAt >= second.submittedAt && m.createdAt <= secondRow.createdAt,
    );
    expect(madeInChain).toEqual([]);
    const secondReport = await reportOf(t.tenantId, second.id);
    expect(secondReport.model?.version ?? 0).toBeGreaterThanOrEqual(2);
  });

  it("trains again when an upload reports while the tenant's retrain runs", async () => {
    const t = await seedTenant("retrain-follow-up");
    const upload = await uploadSample(t.tenantId);
    // The upload's own retrain first, so the calls below are this tenant's only training.
    await retrainCompleted(t.tenantId);

    // An upload reaching its report while a retrain trains asks for a retrain that BullMQ drops
    // (one per tenant while one runs): the running one trains a second round for it.
    const running = runRetrain({ tenantId: t.tenantId, reason: "verdicts" });
    await sleep(100);
    await markUploadDone({ tenantId: t.tenantId, id: upload.id });
    expect((await running).rounds).toBe(2);
    // Nothing reported meanwhile: one round.
    expect((await runRetrain({ tenantId: t.tenantId, reason: "verdicts" })).rounds).toBe(1);
  });
});
