import { afterAll, describe, expect, it } from "vitest";
import { loadAsnTable } from "@mlsec/core/asn";
import { addDays } from "@mlsec/core/day";
import {
  generateWorld,
  HONEYPOT_SSH,
  loadReferenceLists,
  RANKERS,
  scaleProfile,
  type TDayForwardResult,
} from "@mlsec/core/eval";
import { closeDb, ConflictError, getBacktest, listAudit, replaceRollups } from "@mlsec/db";
import { seedTenant } from "@mlsec/db/test/factories";
import { enqueueBacktest, isPermanent, JOB_NAMES, openQueues, QUEUE_NAMES } from "@mlsec/jobs";
import { backtestHtmlKey, getBytesOrNull, getJson } from "@mlsec/storage";
import { backtestTenant } from "../src/backtest-tenant.ts";
import { requestBacktest, tenantBacktest } from "../src/backtest-request.ts";

const queues = openQueues();
afterAll(async () => {
  await queues.close();
  await closeDb();
});

// One grid point and three folds: this checks the job's plumbing and the as-of rule, not the
// model's quality (docs/benchmarks.md has that, from the production grid).
const QUICK = { c: 8, gamma: 0.5, folds: 3 };

/** A tenant whose rollups are a generated 16-day honeypot world's, as ingest would write them. */
async function worldTenant() {
  const t = await seedTenant("backtest");
  const world = generateWorld({
    profile: { ...scaleProfile(HONEYPOT_SSH, 0.3), days: 16 },
    seed: 3,
    asn: await loadAsnTable(),
    lists: loadReferenceLists(),
  });
  await replaceRollups({ tenantId: t.tenantId, sourceKey: "world", rollups: world.rollups });
  return { ...t, days: world.days };
}

describe("the backtest job on a tenant's stored rollups", () => {
  it("runs a requested range day-forward, stores the result and the page, and never trains on the test day", async () => {
    const t = await worldTenant();
    const from = t.days.at(-3) ?? "";
    const to = t.days.at(-1) ?? "";
    const asked = await requestBacktest({
      tenantId: t.tenantId,
      actor: t.userId,
      from,
      to,
      queue: (payload) => enqueueBacktest(queues, payload),
    });
    if (!asked.ok) throw new Error(asked.error);
    const id = asked.backtest.id;
    expect(asked.backtest).toMatchObject({ status: "queued", from, to, requestedBy: t.userId });
    // The job on the queue carries ids only; this test runs it itself (a narrower SVM search).
    const job = await queues.get(QUEUE_NAMES.backtest).getJob(`backtest-${id}`);
    expect(job?.name).toBe(JOB_NAMES.backtest);
    expect(job?.data).toEqual({ tenantId: t.tenantId, backtestId: id });
    await job?.remove();
    const audit = await listAudit({ tenantId: t.tenantId, action: "backtest.request" });
    expect(audit.map((a) => a.target)).toEqual([id]);

    // A second request while the first is queued is refused.
    await expect(
      requestBacktest({ tenantId: t.tenantId, actor: t.userId, queue: () => Promise.resolve() }),
    ).rejects.toBeInstanceOf(ConflictError);

    await backtestTenant({ tenantId: t.tenantId, backtestId: id, train: QUICK });
    const row = await getBacktest({ tenantId: t.tenantId, id });
    expect(row.status).toBe("done");
    expect(row.error).toBeNull();
    expect(row.resultKey).toBeTruthy();
    const result = await getJson<TDayForwardResult>(row.resultKey ?? "");
    // Every day of the range is a trained, scored day.
    expect(result.skipped).toEqual([]);
    expect(result.days.map((d) => d.day)).toEqual([from, addDays(from, 1), to]);
    for (const d of result.days) {
      // The as-of rule, read off the day's own training: its rows' label days and the rollups its
      // features came from all end before the day.
      expect(d.trainCut.lastLabelDay < d.day).toBe(true);
      expect(d.trainCut.firstLabelDay <= d.trainCut.lastLabelDay).toBe(true);
      expect(d.trainCut.lastRollupDay).not.toBeNull();
      expect((d.trainCut.lastRollupDay ?? "") < d.day).toBe(true);
      expect(d.trainRows.malicious).toBeGreaterThan(0);
      expect(d.trainRows.benign).toBeGreaterThan(0);
      expect(d.all.malicious).toBeGreaterThan(0);
      expect(d.all.benign).toBeGreaterThan(0);
      for (const name of RANKERS) {
        const auc = d.all.rankers[name].auc;
        expect(auc).toBeGreaterThanOrEqual(0);
        expect(auc).toBeLessThanOrEqual(1);
        d.blocklist.hits[name].forEach((h, i) => expect(h).toBeLessThanOrEqual(d.blocklist.oracle[i] ?? 0));
        d.all.rankers[name].hits.forEach((h, i) => expect(h).toBeLessThanOrEqual(d.all.oracle[i] ?? 0));
      }
      expect(d.all.model.brier).toBeGreaterThanOrEqual(0);
      expect(d.all.model.brier).toBeLessThanOrEqual(1);
    }
    const html = new TextDecoder().decode(
      (await getBytesOrNull(backtestHtmlKey(t.tenantId, id))) ?? undefined,
    );
    expect(html).toContain("<svg");
    expect(html).toContain("hits @ 100");

    // What the portal and GET /api/v1/backtests/:id show: the pooled numbers on the row, the
    // per-day metrics and hit tables from the stored result.
    const { backtest, detail } = await tenantBacktest({ tenantId: t.tenantId, id });
    const summary = backtest.summary as { days: number; all: { auc: number; rows: number } };
    expect(summary.days).toBe(3);
    expect(summary.all.auc).toBeGreaterThanOrEqual(0);
    expect(summary.all.auc).toBeLessThanOrEqual(1);
    expect(detail?.days).toHaveLength(3);
    expect(detail?.pooled?.blocklist.listSizes).toEqual([100, 1000, 10_000]);
    expect(detail?.pooled?.reliability).toHaveLength(10);
    expect(summary.all.rows).toBe(result.days.reduce((n, d) => n + d.all.rows, 0));

    // Done, it no longer holds off the next request, whose default range is the last week with data.
    const next = await requestBacktest({
      tenantId: t.tenantId,
      actor: t.userId,
      queue: () => Promise.resolve(),
    });
    expect(next.ok && next.backtest.from).toBe(t.days.at(-7));
    expect(next.ok && next.backtest.to).toBe(t.days.at(-1));
  });

  it("refuses ranges without data or too long, and fails a run past the rollup cap permanently", async () => {
    const t = await worldTenant();
    const none = () => Promise.resolve();
    const last = t.days.at(-1) ?? "";
    const long = await requestBacktest({
      tenantId: t.tenantId,
      actor: t.userId,
      from: addDays(last, -14),
      to: last,
      queue: none,
    });
    expect(long).toEqual({ ok: false, status: 400, error: "a run covers at most 14 days" });
    const later = await requestBacktest({
      tenantId: t.tenantId,
      actor: t.userId,
      from: addDays(last, 10),
      to: addDays(last, 11),
      queue: none,
    });
    expect(later).toMatchObject({ ok: false, status: 409 });
    const empty = await seedTenant("backtest-empty");
    expect(
      await requestBacktest({ tenantId: empty.tenantId, actor: empty.userId, queue: none }),
    ).toMatchObject({
      ok: false,
      status: 409,
    });

    const asked = await requestBacktest({
      tenantId: t.tenantId,
      actor: t.userId,
      from: last,
      to: last,
      queue: none,
    });
    if (!asked.ok) throw new Error(asked.error);
    const failure = await backtestTenant({
      tenantId: t.tenantId,
      backtestId: asked.backtest.id,
      maxRollups: 100,
    }).catch((err: unknown) => err);
    expect(isPermanent(failure), String(failure)).toBe(true);
    expect(String(failure)).toMatch(
      /the range needs more than 100 .* rollups \(BACKTEST_MAX_ROLLUPS is 100\)/,
    );
    const failed = await getBacktest({ tenantId: t.tenantId, id: asked.backtest.id });
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/BACKTEST_MAX_ROLLUPS is 100/);
    expect(failed.finishedAt).not.toBeNull();
    // Another tenant's run is not found, so the job fails at once rather than reading it.
    const stranger = await backtestTenant({ tenantId: empty.tenantId, backtestId: asked.backtest.id }).catch(
      (err: unknown) => err,
    );
    expect(isPermanent(stranger)).toBe(true);
  });
});
