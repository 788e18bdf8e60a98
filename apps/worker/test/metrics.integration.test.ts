import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it, vi } from "vitest";
import { closeDb, createFeed, recordFeedPull } from "@mlsec/db";
import { seedTenant } from "@mlsec/db/test/factories";
import { addJob, createConnection, JOB_NAMES, openQueues, QUEUE_NAMES } from "@mlsec/jobs";
import { GET as scrapePortal } from "../../web/src/app/api/metrics/route.ts";
import { getQueues } from "../../web/src/lib/queues.ts";
import { freePort } from "../../../test/own-redis.ts";
import { parseScrape } from "../../../test/scrape-metrics.ts";
import { dashboardQueries, missingSeries, selectorsOf, type TScrapeText } from "./dashboard-queries.ts";
import { faultLog, settle, submit, testPrefix, waitFor, workerPool } from "./fault-harness.ts";

// A real worker process with its metrics port, real jobs through it (one upload through the whole
// chain, one file that is not a log), then both scrapes parsed by a Prometheus text-format parser:
// the worker's (what it ran) and the portal's /api/metrics route (the queues, models and feeds).
const prefix = testPrefix("metrics");
const token = randomBytes(24).toString("hex");
const queues = openQueues(createConnection(), prefix);
let port = 0;
/** Both scrapes of the first test, for the dashboard's check. */
const scrapes: TScrapeText[] = [];
const pool = workerPool({ QUEUE_PREFIX: prefix, WORKER_LOCK_MS: "5000", METRICS_TOKEN: token });

afterAll(async () => {
  vi.unstubAllEnvs();
  await pool.killAll();
  await getQueues().close();
  await queues.close();
  await closeDb();
});

async function scrapeWorker(auth: string | null): Promise<Response> {
  return fetch(`http://127.0.0.1:${port}/metrics`, { headers: auth ? { authorization: auth } : {} });
}

describe("Prometheus metrics", () => {
  it("count the jobs a worker ran and the platform's queues, models and feeds", async () => {
    port = await freePort();
    await pool.start({ WORKER_METRICS_PORT: String(port) });
    const t = await seedTenant("metrics");
    const good = await submit(queues, t.tenantId, "fw.log", faultLog());
    const bad = await submit(queues, t.tenantId, "notes.txt", Buffer.from("hello\nworld\n"));
    const [done, failed] = [await settle(t.tenantId, good), await settle(t.tenantId, bad)];
    expect(done.status, done.error ?? "").toBe("done");
    expect(failed.status).toBe("failed");
    // The upload is done inside its report job, which then queues the notifications: wait for all
    // of them to be over, so the counts below are final (and the kill below interrupts nothing).
    for (const [queue, id] of [
      [QUEUE_NAMES.report, `report-${good}`],
      [QUEUE_NAMES.notify, `webhook-${good}`],
      [QUEUE_NAMES.notify, `email-${good}`],
    ] as const)
      await waitFor(`${id} to complete`, async () => {
        const state = await (await queues.get(queue).getJob(id))?.getState();
        return state === "completed" ? state : null;
      });

    // The worker: refused without the token, then what it ran.
    expect((await waitFor("the metrics port", async () => scrapeWorker(null).catch(() => null))).status).toBe(
      401,
    );
    expect((await scrapeWorker("Bearer wrong")).status).toBe(401);
    const res = await scrapeWorker(`Bearer ${token}`);
    expect(res.status).toBe(200);
    const workerText = await res.text();
    const worker = parseScrape(workerText);
    scrapes.push({ scrape: worker, text: workerText });
    // The parser folds a labelled histogram into one sample, so only its type is read from it.
    expect(worker.types.get("mlsec_job_duration_seconds")).toBe("HISTOGRAM");
    const attempts = (labels: Record<string, string>) => worker.value("mlsec_job_attempts_total", labels);
    for (const stage of ["ingest", "rank", "train", "report"] as const)
      expect(attempts({ queue: stage, name: JOB_NAMES[stage], outcome: "completed" }), stage).toBe(1);
    expect(attempts({ queue: "ingest", outcome: "failed" })).toBe(1);
    // A failed rank attempt says why in the worker's last log lines.
    const workerLog = () => pool.children.map((c) => c.output()).join("\n");
    expect(attempts({ queue: "rank", outcome: "failed" }), workerLog()).toBeUndefined();
    // The notifications the finished report queued ran too.
    expect(attempts({ queue: "notify", name: JOB_NAMES.webhook, outcome: "completed" })).toBe(1);
    expect(worker.value("mlsec_job_failures_total", { queue: "ingest", permanent: "true" })).toBe(1);
    expect(worker.value("mlsec_job_failures_total", { queue: "ingest", permanent: "false" })).toBeUndefined();
    // Only the good upload's lines: the bad one never completed its ingest.
    expect(worker.value("mlsec_ingest_lines_total")).toBe(done.lines);
    expect(worker.value("mlsec_ingest_events_total")).toBe(done.events);
    expect(done.lines).toBeGreaterThan(1000);

    // With the worker gone, two jobs wait: the portal sees them, and the failed ingest.
    await pool.killAll();
    const queuedAt = Date.now();
    await addJob(queues, JOB_NAMES.retrain, { tenantId: t.tenantId, reason: "manual" });
    await addJob(queues, JOB_NAMES.sweep, { olderThanMs: 60_000 });
    const { feed } = await createFeed({
      tenantId: t.tenantId,
      createdBy: "metrics-test",
      settings: {
        name: "edl",
        format: "edl",
        minScore: null,
        buckets: [],
        includeCommunity: false,
        family: null,
        aggregate: false,
        maxEntries: 1000,
        pageSize: null,
      },
    });
    for (let i = 0; i < 3; i++) await recordFeedPull({ feedId: feed.id, from: "192.0.2.1", entries: 10 });

    vi.stubEnv("QUEUE_PREFIX", prefix);
    vi.stubEnv("METRICS_TOKEN", token);
    const url = "http://127.0.0.1/api/metrics";
    expect((await scrapePortal(new Request(url))).status).toBe(401);
    const portalRes = await scrapePortal(new Request(url, { headers: { authorization: `Bearer ${token}` } }));
    expect(portalRes.status).toBe(200);
    const portalText = await portalRes.text();
    const portal = parseScrape(portalText);
    scrapes.push({ scrape: portal, text: portalText });
    const jobs = (queue: string, state: string) => portal.value("mlsec_queue_jobs", { queue, state });
    expect(jobs("retrain", "waiting")).toBe(1);
    expect(jobs("maintenance", "waiting")).toBe(1);
    expect(jobs("ingest", "failed")).toBe(1);
    expect(jobs("ingest", "completed")).toBe(1);
    expect(jobs("report", "completed")).toBe(1);
    expect(jobs("rank", "waiting")).toBe(0);
    const oldest = portal.value("mlsec_queue_oldest_waiting_seconds", { queue: "retrain" }) ?? -1;
    expect(oldest).toBeGreaterThanOrEqual(0);
    expect(oldest).toBeLessThanOrEqual((Date.now() - queuedAt) / 1000 + 1);
    expect(portal.value("mlsec_queue_oldest_waiting_seconds", { queue: "rank" })).toBe(0);
    // The model the chain trained: young, and only for this tenant among the tenants of the run.
    const age = portal.value("mlsec_model_age_seconds", { tenant: t.tenantId });
    expect(age).toBeGreaterThanOrEqual(0);
    expect(age).toBeLessThan(600);
    expect(portal.value("mlsec_feed_pulls_total", { tenant: t.tenantId })).toBe(3);
  });

  it("are every series the Grafana dashboard (infra/grafana/mlsec.json) queries", () => {
    // The scrapes above: after a whole upload chain, a failed one, notifications, waiting jobs,
    // a trained model and feed pulls, so every series the platform exports has a sample.
    expect(scrapes).toHaveLength(2);
    const queries = dashboardQueries();
    const selectors = queries.flatMap((q) => selectorsOf(q.expr));
    const metrics = [...new Set(selectors.map((s) => s.metric))].sort();
    console.log(
      `metrics: the dashboard's ${queries.length} queries read ${metrics.length} series: ${metrics.join(", ")}`,
    );
    expect(metrics.length).toBeGreaterThanOrEqual(10);
    const missing = queries.flatMap((q) =>
      missingSeries(selectorsOf(q.expr), scrapes).map((m) => `${m} (${q.where})`),
    );
    expect(missing, `the dashboard queries series no scrape exports:\n${missing.join("\n")}`).toEqual([]);
    // The check itself: a name no scrape has, a histogram's bare name, a label the series lacks.
    expect(
      missingSeries(
        selectorsOf(
          'rate(mlsec_nothing_total[5m]) + mlsec_job_duration_seconds + mlsec_queue_jobs{tenant="x"} + mlsec_job_duration_seconds_count{tenant="x"} + mlsec_job_duration_seconds_sum{queue="ingest"}',
        ),
        scrapes,
      ),
    ).toEqual([
      "mlsec_nothing_total",
      "mlsec_job_duration_seconds",
      "mlsec_queue_jobs{tenant}",
      "mlsec_job_duration_seconds_count{tenant}",
    ]);
  });
});
