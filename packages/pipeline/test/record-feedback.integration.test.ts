import { afterAll, describe, expect, it } from "vitest";
import {
  activeListEntries,
  addListEntry,
  closeDb,
  getReportForUpload,
  listAudit,
  listListEntries,
  listVerdicts,
  NotFoundError,
} from "@mlsec/db";
import { seedTenant } from "@mlsec/db/test/factories";
import { buildBlocklist } from "../src/build-blocklist.ts";
import { recordFeedback } from "../src/record-feedback.ts";
import { doneUploadWithReport, scored } from "./report-fixtures.ts";
import { MS_PER_DAY } from "@mlsec/core/day";

afterAll(closeDb);

const FLAGGED = "203.0.113.50";
const OTHER = "203.0.113.51";

/** A tenant whose newest report blocks two addresses, and the retrains its verdicts asked for. */
async function tenantWithBlocklist() {
  const t = await seedTenant("fb");
  const uploadId = await doneUploadWithReport(t.tenantId, new Date().toISOString().slice(0, 10), [
    scored(FLAGGED, 0.97),
    scored(OTHER, 0.95),
  ]);
  const report = await getReportForUpload({ tenantId: t.tenantId, uploadId });
  const retrains: string[] = [];
  const give = (items: Parameters<typeof recordFeedback>[0]["items"], now?: Date) =>
    recordFeedback({
      tenantId: t.tenantId,
      actor: { userId: t.userId },
      items,
      queueRetrain: (tenantId) => Promise.resolve(retrains.push(tenantId)),
      ...(now ? { now } : {}),
    });
  const listed = async () => (await buildBlocklist({ tenantId: t.tenantId })).entries.map((e) => e.scored.ip);
  return { ...t, reportId: report.id, retrains, give, listed };
}

describe("recordFeedback (PostgreSQL, S3)", () => {
  it("allow-lists a false positive until the tenant's expiry, and a later malicious verdict undoes it", async () => {
    const t = await tenantWithBlocklist();
    expect(await t.listed()).toEqual([FLAGGED, OTHER]);

    const before = Date.now();
    const first = await t.give([
      { ip: FLAGGED, verdict: "benign", note: "our monitoring", reportId: t.reportId },
    ]);
    const [verdict] = first.verdicts;
    const allow = verdict?.allowListed;
    expect(allow).not.toBeNull();
    // Tenant.falsePositiveAllowDays defaults to 30.
    const expiry = allow?.expiresAt.getTime() ?? 0;
    expect(expiry).toBeGreaterThanOrEqual(before + 30 * MS_PER_DAY);
    expect(expiry).toBeLessThanOrEqual(Date.now() + 30 * MS_PER_DAY);
    const entries = await listListEntries(t.tenantId);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      id: allow?.id,
      kind: "allow",
      value: FLAGGED,
      verdictId: verdict?.id,
      reason: `false positive (verdict ${verdict?.id ?? ""})`,
    });
    // The allowlist wins in the export: the address leaves on the blocklist's next read.
    expect(await t.listed()).toEqual([OTHER]);
    const [audit] = await listAudit({ tenantId: t.tenantId, action: "verdict" });
    expect(audit?.detail).toMatchObject({
      verdictId: verdict?.id,
      reportId: t.reportId,
      allowListed: { id: allow?.id, expiresAt: allow?.expiresAt.toISOString() },
    });

    // A second false positive on the address extends the same entry instead of adding one.
    await new Promise((r) => setTimeout(r, 10));
    const again = await t.give([{ ip: FLAGGED, verdict: "benign" }]);
    expect(again.verdicts[0]?.allowListed?.id).toBe(allow?.id);
    expect(again.verdicts[0]?.allowListed?.expiresAt.getTime()).toBeGreaterThan(expiry);
    expect(await listListEntries(t.tenantId)).toHaveLength(1);

    // An entry a person added stays whatever the verdicts say; only the verdict-made one goes.
    await addListEntry({
      tenantId: t.tenantId,
      kind: "allow",
      value: OTHER,
      reason: "partner",
      createdBy: t.userId,
    });
    const flip = await t.give([
      { ip: FLAGGED, verdict: "malicious", note: "it was an attack after all" },
      { ip: OTHER, verdict: "malicious" },
    ]);
    expect(flip.verdicts.map((v) => [v.allowListed, v.allowRemoved])).toEqual([
      [null, 1],
      [null, 0],
    ]);
    expect((await listListEntries(t.tenantId)).map((e) => [e.value, e.reason])).toEqual([[OTHER, "partner"]]);
    expect(await t.listed()).toEqual([FLAGGED]);
    expect((await listVerdicts({ tenantId: t.tenantId, ip: FLAGGED })).map((v) => v.verdict)).toEqual([
      "malicious",
      "benign",
      "benign",
    ]);
  });

  it("leaves the lists alone for a day verdict, and an expired allow entry no longer counts", async () => {
    const t = await tenantWithBlocklist();
    const day = await t.give([
      { ip: FLAGGED, verdict: "benign", day: "2026-10-01", cluster: "watched-ports" },
    ]);
    expect(day.verdicts[0]).toMatchObject({ day: "2026-10-01", allowListed: null });
    expect(await listListEntries(t.tenantId)).toEqual([]);

    // Given 40 days ago, the 30-day entry has lapsed: kept for the record, but not in force.
    const old = await t.give([{ ip: FLAGGED, verdict: "benign" }], new Date(Date.now() - 40 * MS_PER_DAY));
    expect(old.verdicts[0]?.allowListed?.expiresAt.getTime()).toBeLessThan(Date.now());
    expect(await listListEntries(t.tenantId)).toHaveLength(1);
    expect(await activeListEntries({ tenantId: t.tenantId })).toEqual([]);
    expect(await t.listed()).toEqual([FLAGGED, OTHER]);
  });

  it("saves nothing of a batch when one item fails, and another tenant's verdicts touch none of its lists", async () => {
    const a = await tenantWithBlocklist();
    const b = await tenantWithBlocklist();
    await expect(
      a.give([
        { ip: FLAGGED, verdict: "benign" },
        { ip: OTHER, verdict: "benign", reportId: b.reportId },
      ]),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(await listVerdicts({ tenantId: a.tenantId })).toEqual([]);
    expect(await listListEntries(a.tenantId)).toEqual([]);
    expect(await listAudit({ tenantId: a.tenantId, action: "verdict" })).toEqual([]);
    expect(await a.listed()).toEqual([FLAGGED, OTHER]);

    // B's false positive on the same address is B's alone, and so is its later malicious verdict.
    await a.give([{ ip: OTHER, verdict: "benign" }]);
    await b.give([{ ip: FLAGGED, verdict: "benign" }]);
    expect(await a.listed()).toEqual([FLAGGED]);
    expect(await b.listed()).toEqual([OTHER]);
    await b.give([{ ip: OTHER, verdict: "malicious" }]);
    expect((await listListEntries(a.tenantId)).map((e) => e.value)).toEqual([OTHER]);
    expect(await a.listed()).toEqual([FLAGGED]);
  });

  it("queues a retrain once the verdicts since the last model reach the tenant's threshold", async () => {
    const t = await tenantWithBlocklist();
    const items = Array.from({ length: 20 }, (_, i) => ({
      ip: `198.51.100.${i + 1}`,
      verdict: "malicious" as const,
    }));
    const few = await t.give(items.slice(0, 19));
    expect(few).toMatchObject({ retrainQueued: false, newVerdictsSinceModel: 19 });
    const enough = await t.give(items.slice(19));
    expect(enough).toMatchObject({ retrainQueued: true, newVerdictsSinceModel: 20 });
    expect(t.retrains).toEqual([t.tenantId]);
  });
});
