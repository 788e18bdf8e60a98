import { randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TScoredIp } from "@mlsec/core/report";
import { addListEntry, closeDb, getDb, getActiveModel, recordVerdict } from "@mlsec/db";
import { seedTenant } from "@mlsec/db/test/factories";
import { createConnection, enqueueRetrain, openQueues, QUEUE_NAMES } from "@mlsec/jobs";
import { scoreIpForTenant } from "@mlsec/pipeline/ips";
import { enqueueDailyRetrains } from "../src/stages/retrain.ts";
import { inProcessPipeline } from "./in-process-pipeline.ts";

const pipeline = inProcessPipeline();
const { queues, reportOf } = pipeline;

beforeAll(() => pipeline.start());
afterAll(async () => {
  await pipeline.stop();
  await closeDb();
});

async function uploadSample(tenantId: string): Promise<string> {
  const id = await pipeline.submit(tenantId, "ufw.log.gz", createReadStream("samples/ufw.log.gz"));
  const { upload } = await pipeline.settle(tenantId, id);
  if (upload.status !== "done") throw new Error(`upload failed: ${upload.error ?? ""}`);
  return id;
}

async function waitForVersion(tenantId: string, version: number) {
  const until = Date.now() + 120_000;
  for (;;) {
    const active = await getActiveModel(tenantId);
    if (active && active.version >= version) return active;
    if (Date.now() > until) throw new Error(`model still at version ${active?.version ?? "none"}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

async function scoresOf(tenantId: string, ips: string[]): Promise<Map<string, TScoredIp>> {
  const out = new Map<string, TScoredIp>();
  for (const ip of ips) {
    const view = await scoreIpForTenant({ tenantId, ip });
    if (view) out.set(ip, view);
  }
  return out;
}

describe("analysts' verdicts flow into the next model", () => {
  it("moves scores the way the verdicts say after a retrain, and the next report names the new version", async () => {
    const t = await seedTenant("feedback");
    const firstUpload = await uploadSample(t.tenantId);
    const first = await reportOf(t.tenantId, firstUpload);
    expect(first.model?.version).toBe(1);

    // Benign verdicts on the most confidently flagged IPs, malicious on the least suspicious ones.
    const flagged = first.ips.filter((i) => i.verdict === "malicious").slice(0, 15);
    const unflagged = first.ips.filter((i) => i.verdict === "benign").slice(-15);
    expect(flagged.length).toBe(15);
    expect(unflagged.length).toBe(15);
    const actor = { userId: t.userId };
    const model = await getActiveModel(t.tenantId);
    for (const ip of flagged)
      await recordVerdict({
        tenantId: t.tenantId,
        ip: ip.ip,
        verdict: "benign",
        note: "false positive",
        actor,
        modelId: model?.id ?? null,
      });
    for (const ip of unflagged)
      await recordVerdict({ tenantId: t.tenantId, ip: ip.ip, verdict: "malicious", note: "missed", actor });

    const before = await scoresOf(
      t.tenantId,
      [...flagged, ...unflagged].map((i) => i.ip),
    );
    await enqueueRetrain(queues, { tenantId: t.tenantId, reason: "verdicts" });
    const retrained = await waitForVersion(t.tenantId, 2);
    expect(retrained.status).toBe("active");
    const after = await scoresOf(
      t.tenantId,
      [...flagged, ...unflagged].map((i) => i.ip),
    );

    const score = (m: Map<string, TScoredIp>, ips: TScoredIp[]) => ips.map((i) => m.get(i.ip)?.score ?? NaN);
    const benignBefore = score(before, flagged);
    const benignAfter = score(after, flagged);
    const maliciousBefore = score(before, unflagged);
    const maliciousAfter = score(after, unflagged);
    expect(mean(benignAfter)).toBeLessThan(mean(benignBefore));
    expect(mean(maliciousAfter)).toBeGreaterThan(mean(maliciousBefore));
    // Most of them, not just the averages, move the way their verdict says.
    expect(benignAfter.filter((s, i) => s < (benignBefore[i] ?? 0)).length).toBeGreaterThanOrEqual(10);
    expect(maliciousAfter.filter((s, i) => s > (maliciousBefore[i] ?? 1)).length).toBeGreaterThanOrEqual(10);

    // An allow-list entry wins at scoring whatever the model says.
    const top = first.ips[0];
    expect(top).toBeDefined();
    await addListEntry({
      tenantId: t.tenantId,
      kind: "allow",
      value: top?.ip ?? "",
      reason: "our scanner",
      createdBy: t.userId,
    });

    const secondUpload = await uploadSample(t.tenantId);
    const second = await reportOf(t.tenantId, secondUpload);
    // The report names the model that scored it: the retrained one (or a later version the upload's own
    // train stage promoted).
    expect(second.model?.version).toBeGreaterThanOrEqual(retrained.version);
    expect(second.model?.version).toBe((await getActiveModel(t.tenantId))?.version);
    const listed = second.ips.find((i) => i.ip === top?.ip);
    expect(listed?.bucket).toBe("allow");
    expect(listed?.reasons[0]).toBe("on the allow list: our scanner");
  });

  it("the daily run queues one retrain per tenant with data, deduplicated while waiting", async () => {
    // A queue prefix without workers, so the jobs stay visible (and no other tenant is trained here).
    const idle = openQueues(createConnection(), `test-idle-${randomUUID()}`);
    try {
      const t = await seedTenant("daily");
      const empty = await seedTenant("daily-empty");
      await getDb().ipDayRollup.create({
        data: {
          tenantId: t.tenantId,
          sourceKey: "k",
          day: new Date("2026-01-01T00:00:00Z"),
          ip: "192.0.2.1",
          events: 1,
          distinctPorts: 1,
          ports: {},
          blockedPorts: {},
          protocols: {},
          actions: {},
          firstSeen: new Date("2026-01-01T00:00:00Z"),
          lastSeen: new Date("2026-01-01T00:00:00Z"),
        },
      });
      await enqueueDailyRetrains(idle);
      await enqueueDailyRetrains(idle);
      const jobs = await idle.get(QUEUE_NAMES.retrain).getJobs(["waiting"]);
      const forTenant = (id: string) => jobs.filter((j) => (j.data as { tenantId: string }).tenantId === id);
      expect(forTenant(t.tenantId)).toHaveLength(1);
      expect(forTenant(empty.tenantId)).toHaveLength(0);
    } finally {
      await idle.get(QUEUE_NAMES.retrain).obliterate({ force: true });
      await idle.close();
    }
  });
});
