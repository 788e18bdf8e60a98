import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { acceptInvitation, closeDb, createInvitation, listAudit } from "@mlsec/db";
import { apiGet, signInOverHttp } from "./api.ts";
import { launchChromium } from "./browser.ts";
import { uniqueEmail } from "./fixture.ts";
import { manySourcesLog } from "./many-sources.ts";
import { signIn } from "./portal.ts";
import { newAccount, seedOrganisation, uploadAndWait, type TSeeded } from "./seed.ts";

const baseUrl = inject("baseUrl");

type TRun = {
  id: string;
  status: string;
  from: string;
  to: string;
  result: {
    days: { day: string; trainCut: { lastLabelDay: string }; all: { auc: number | null } }[];
    pooled: { blocklist: { listSizes: number[]; max: number[]; hits: Record<string, number[]> } } | null;
  } | null;
};

describe("the backtest page: run a day-forward backtest from the portal and read its tables", () => {
  const account = newAccount("backtest", "E2E Backtest Org");
  let owner: TSeeded;
  let other: TSeeded;
  let viewerCookie = "";
  let browser: Browser;
  let page: Page;
  let runId = "";

  beforeAll(async () => {
    expect(inject("workerRunning"), "the worker must be running").toBe(true);
    owner = await seedOrganisation(account);
    other = await seedOrganisation(newAccount("backtest-other", "E2E Backtest Other Org"));
    const viewer = { email: uniqueEmail("backtest-viewer"), password: "backtest-viewer-password" };
    const { token } = await createInvitation({
      tenantId: owner.tenantId,
      email: viewer.email,
      role: "viewer",
    });
    await acceptInvitation({ token, password: viewer.password });
    const signedIn = await signInOverHttp(baseUrl, viewer.email, viewer.password);
    viewerCookie = signedIn.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    // Four days of attackers in three /24s and allowed background traffic: enough to train on.
    await uploadAndWait(baseUrl, owner.key, manySourcesLog(300).text, { filename: "many-sources.log" });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signIn(page, baseUrl, account);
  });
  afterAll(async () => {
    await browser?.close();
    await closeDb();
  });

  it("runs from the form, refuses a second run meanwhile, and shows per-day metrics and the hits table when done", async () => {
    await page.goto(`${baseUrl}/backtest`);
    await page.getByTestId("backtest-runs").getByText("No backtest yet.").waitFor();
    // Both days left empty: the last week with data.
    await Promise.all([
      page.waitForURL(/\/backtest\/[a-z0-9]+$/),
      page.getByRole("button", { name: "Run backtest" }).click(),
    ]);
    runId = new URL(page.url()).pathname.split("/").at(-1) ?? "";
    // While it is queued or running, another request is refused.
    const again = await fetch(`${baseUrl}/api/v1/backtests`, {
      method: "POST",
      headers: { Authorization: `Bearer ${owner.key}`, "Content-Type": "application/json" },
      body: "{}",
    });
    // (A run is several trainings: it is still queued or running when this request arrives.)
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: string }).error).toMatch(/already queued or running/);

    // The page reloads itself until the run is done.
    await page.locator('[data-testid="backtest-status"][data-status="done"]').waitFor({ timeout: 170_000 });
    const days = page.getByTestId("backtest-day");
    expect(await days.count()).toBeGreaterThan(0);
    const hits = page.getByTestId("backtest-hits-row");
    expect(await hits.evaluateAll((rows) => rows.map((r) => r.getAttribute("data-ranker")))).toEqual([
      "model",
      "heuristic",
      "lwol",
      "gwol",
      "feed",
    ]);
    await page.getByTestId("backtest-hits").getByText("Top 1,000").waitFor();
    await page.getByTestId("chart-reliability").locator("canvas").waitFor();

    // The same run through the API: every day trained before itself, hits never above the maximum.
    const res = await apiGet(baseUrl, `/api/v1/backtests/${runId}`, owner.key);
    expect(res.status).toBe(200);
    const run = (await res.json()) as TRun;
    expect(run.status).toBe("done");
    expect(run.result?.days.length).toBe(await days.count());
    for (const d of run.result?.days ?? []) {
      expect(d.trainCut.lastLabelDay < d.day).toBe(true);
      expect(d.all.auc === null || (d.all.auc >= 0 && d.all.auc <= 1)).toBe(true);
    }
    const blocklist = run.result?.pooled?.blocklist;
    expect(blocklist?.listSizes).toEqual([100, 1000, 10_000]);
    for (const ranker of Object.values(blocklist?.hits ?? {}))
      ranker.forEach((h, i) => expect(h).toBeLessThanOrEqual(blocklist?.max[i] ?? 0));
    const html = await apiGet(baseUrl, `/api/v1/backtests/${runId}/result?format=html`, owner.key);
    expect(html.status).toBe(200);
    expect(html.headers.get("content-disposition")).toMatch(/attachment/);
    expect(await html.text()).toContain("<svg");
    const audit = await listAudit({ tenantId: owner.tenantId, action: "backtest.request" });
    expect(audit.map((a) => a.target)).toContain(runId);

    // Listed on /backtest with its numbers.
    await page.goto(`${baseUrl}/backtest`);
    const row = page.locator(`[data-testid="backtest-run"][data-id="${runId}"]`);
    expect(await row.getAttribute("data-status")).toBe("done");
  });

  it("lets a viewer read runs but not start one (403), and answers another organisation 404", async () => {
    const viewer = { Cookie: viewerCookie, "x-mlsec-portal": "1" };
    const post = await fetch(`${baseUrl}/api/v1/backtests`, {
      method: "POST",
      headers: { ...viewer, "Content-Type": "application/json" },
      body: "{}",
    });
    expect(post.status).toBe(403);
    const list = await fetch(`${baseUrl}/api/v1/backtests`, { headers: viewer });
    expect(list.status).toBe(200);
    const listed = (await list.json()) as { backtests: { id: string }[] };
    expect(listed.backtests.map((b) => b.id)).toContain(runId);

    for (const path of [`/api/v1/backtests/${runId}`, `/api/v1/backtests/${runId}/result?format=json`])
      expect((await apiGet(baseUrl, path, other.key)).status, path).toBe(404);
    const theirs = (await (await apiGet(baseUrl, "/api/v1/backtests", other.key)).json()) as {
      backtests: unknown[];
    };
    expect(theirs.backtests).toEqual([]);
  });
});
