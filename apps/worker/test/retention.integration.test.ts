import { QueueEvents } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb, listAudit, recordVerdict, setRetentionDays } from "@mlsec/db";
import { seedTenant } from "@mlsec/db/test/factories";
import { createConnection, JOB_NAMES, QUEUE_NAMES } from "@mlsec/jobs";
import { applyTenantRetention, type TRetentionResult } from "@mlsec/pipeline";
import { getBytesOrNull, putBytes, reportKey, uploadKey } from "@mlsec/storage";
import { inProcessPipeline } from "./in-process-pipeline.ts";

const pipeline = inProcessPipeline();
// As of 2026-12-01 a 90-day retention keeps 2026-09-02 .. 2026-11-30: 09-01 is the last day to go.
const AS_OF = "2026-12-01";
const CUT = "2026-09-02";
const OLD_DAYS = ["2026-06-01", "2026-08-15", "2026-09-01"];
const KEPT_DAYS = [CUT, "2026-11-30"];

beforeAll(() => pipeline.start());
afterAll(async () => {
  await pipeline.stop();
  await closeDb();
});

const rollup = (tenantId: string, sourceKey: string, day: string, ip: string) => ({
  tenantId,
  sourceKey,
  day: new Date(`${day}T00:00:00Z`),
  ip,
  events: 3,
  distinctPorts: 1,
  ports: { "22": 3 },
  blockedPorts: { "22": 3 },
  protocols: { tcp: 3 },
  actions: { block: 3 },
  firstSeen: new Date(`${day}T01:00:00Z`),
  lastSeen: new Date(`${day}T02:00:00Z`),
});

/**
 * A tenant with three finished uploads (all days old, old and kept days, kept days only), a failed
 * upload from long ago, each with its raw file in S3, a report object and a verdict.
 */
async function tenantWithHistory(label: string) {
  const t = await seedTenant(label);
  const db = getDb();
  const uploads: Record<"old" | "mixed" | "recent" | "failed", { id: string; key: string }> = {
    old: { id: "", key: "" },
    mixed: { id: "", key: "" },
    recent: { id: "", key: "" },
    failed: { id: "", key: "" },
  };
  const days = { old: OLD_DAYS, mixed: [...OLD_DAYS, ...KEPT_DAYS], recent: KEPT_DAYS, failed: [] };
  for (const name of ["old", "mixed", "recent", "failed"] as const) {
    const sha = `${label}-${name}-${t.tenantId}`;
    const row = await db.upload.create({
      data: {
        tenantId: t.tenantId,
        filename: `${name}.log`,
        s3Key: "",
        status: name === "failed" ? "failed" : "done",
        sha256: sha,
        ...(name === "failed" ? { createdAt: new Date("2026-05-01T00:00:00Z") } : {}),
      },
    });
    const key = uploadKey(t.tenantId, row.id, `${name}.log`);
    await putBytes(key, new TextEncoder().encode(`raw ${name}\n`));
    await db.upload.update({ where: { id: row.id }, data: { s3Key: key } });
    await putBytes(reportKey(t.tenantId, row.id), new TextEncoder().encode(`{"report":"${name}"}`));
    await db.ipDayRollup.createMany({
      data: days[name].flatMap((d) => ["192.0.2.1", "192.0.2.2"].map((ip) => rollup(t.tenantId, sha, d, ip))),
    });
    uploads[name] = { id: row.id, key };
  }
  await recordVerdict({
    tenantId: t.tenantId,
    ip: "192.0.2.1",
    verdict: "malicious",
    actor: { userId: t.userId },
  });
  return { ...t, uploads };
}

const rollupDays = async (tenantId: string): Promise<string[]> =>
  (await getDb().ipDayRollup.findMany({ where: { tenantId }, select: { day: true } }))
    .map((r) => r.day.toISOString().slice(0, 10))
    .sort();

const stored = async (key: string): Promise<boolean> => (await getBytesOrNull(key)) !== null;

async function runJob(): Promise<TRetentionResult[]> {
  const queue = pipeline.queues.get(QUEUE_NAMES.maintenance);
  const events = new QueueEvents(queue.name, { connection: createConnection(), prefix: queue.opts.prefix });
  try {
    const job = await queue.add(JOB_NAMES.retention, { asOf: AS_OF });
    return (await job.waitUntilFinished(events, 60_000)) as TRetentionResult[];
  } finally {
    await events.close();
  }
}

describe("retention job on the maintenance queue", () => {
  it("deletes old rollups and raw files of tenants with retention, keeps the rest, and runs idempotently", async () => {
    const kept = await tenantWithHistory("keeps");
    const other = await tenantWithHistory("forever");
    await setRetentionDays({ tenantId: kept.tenantId, days: 90 });
    const otherDaysBefore = await rollupDays(other.tenantId);

    const first = (await runJob()).find((r) => r.tenantId === kept.tenantId);
    // old: 3 days x 2 IPs, mixed: the same 6 old rows; the kept days' rows stay.
    expect(first).toEqual({
      tenantId: kept.tenantId,
      retentionDays: 90,
      cutDay: CUT,
      rollups: 12,
      rawFiles: 2,
    });
    console.log(`[retention] first run: ${JSON.stringify(first)}`);

    const days = await rollupDays(kept.tenantId);
    expect(days.every((d) => d >= CUT)).toBe(true);
    // mixed and recent each keep 2 days x 2 IPs, the cut day itself included.
    expect(days).toEqual([CUT, CUT, CUT, CUT, "2026-11-30", "2026-11-30", "2026-11-30", "2026-11-30"]);
    expect(await stored(kept.uploads.old.key)).toBe(false);
    expect(await stored(kept.uploads.failed.key)).toBe(false);
    expect(await stored(kept.uploads.mixed.key)).toBe(true);
    expect(await stored(kept.uploads.recent.key)).toBe(true);
    // Reports, verdicts and the upload rows stay; the purged ones say when their file went.
    for (const u of Object.values(kept.uploads))
      expect(await stored(reportKey(kept.tenantId, u.id))).toBe(true);
    expect(await getDb().verdict.count({ where: { tenantId: kept.tenantId } })).toBe(1);
    const purged = await getDb().upload.findMany({
      where: { tenantId: kept.tenantId, rawPurgedAt: { not: null } },
      select: { id: true },
    });
    expect(purged.map((p) => p.id).sort()).toEqual([kept.uploads.old.id, kept.uploads.failed.id].sort());

    // The tenant without retention: every row and file as it was.
    expect(await rollupDays(other.tenantId)).toEqual(otherDaysBefore);
    for (const u of Object.values(other.uploads)) expect(await stored(u.key)).toBe(true);

    const audit = await listAudit({ tenantId: kept.tenantId, action: "retention.purge" });
    expect(audit).toHaveLength(1);
    expect(audit[0]?.detail).toEqual({ retentionDays: 90, cutDay: CUT, rollups: 12, rawFiles: 2 });

    const second = (await runJob()).find((r) => r.tenantId === kept.tenantId);
    expect(second).toEqual({
      tenantId: kept.tenantId,
      retentionDays: 90,
      cutDay: CUT,
      rollups: 0,
      rawFiles: 0,
    });
    expect(await rollupDays(kept.tenantId)).toHaveLength(8);
    expect(await listAudit({ tenantId: kept.tenantId, action: "retention.purge" })).toHaveLength(1);
    expect((await runJob()).some((r) => r.tenantId === other.tenantId)).toBe(false);
  });

  it("deletes in batches of the given size to the same end", async () => {
    const t = await tenantWithHistory("batches");
    const result = await applyTenantRetention({
      tenantId: t.tenantId,
      retentionDays: 90,
      asOf: AS_OF,
      batch: 5,
    });
    // 12 rows in batches of 5: 5, 5, 2.
    expect(result.rollups).toBe(12);
    expect((await rollupDays(t.tenantId)).every((d) => d >= CUT)).toBe(true);
  });
});
