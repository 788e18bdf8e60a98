import { readFileSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { acceptInvitation, closeDb, createInvitation, getReportForUpload, listVerdicts } from "@mlsec/db";
import { apiGet } from "./api.ts";
import { launchChromium } from "./browser.ts";
import { FIXTURE_PATH, uniqueEmail } from "./fixture.ts";
import { signIn, type TAccount } from "./portal.ts";
import { newAccount, seedOrganisation, uploadAndWait } from "./seed.ts";

const baseUrl = inject("baseUrl");

type TReportIp = { ip: string; score: number | null; verdict: string };

describe("portal verdicts: report page (one and bulk), IP page history, viewers refused", () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const owner = newAccount("verdicts-owner", "E2E Verdicts Org");
  const analyst: TAccount = { ...owner, email: uniqueEmail("verdicts-analyst"), password: "analyst-pass-1" };
  const viewer: TAccount = { ...owner, email: uniqueEmail("verdicts-viewer"), password: "viewer-pass-1" };
  let tenantId = "";
  let uploadId = "";
  let reportId = "";
  let flagged: string[] = [];

  async function sessionAs(account: TAccount): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    await signIn(page, baseUrl, account);
    return page;
  }

  beforeAll(async () => {
    expect(inject("workerRunning"), "the worker must be running").toBe(true);
    browser = await launchChromium();
    const created = await seedOrganisation(owner);
    tenantId = created.tenantId;
    for (const [account, role] of [
      [analyst, "analyst"],
      [viewer, "viewer"],
    ] as const) {
      const { token } = await createInvitation({ tenantId, email: account.email, role });
      await acceptInvitation({ token, password: account.password });
    }
    const key = created.key;
    uploadId = await uploadAndWait(baseUrl, key, readFileSync(FIXTURE_PATH));
    const report = (await (await apiGet(baseUrl, `/api/v1/uploads/${uploadId}/report`, key)).json()) as {
      ips: TReportIp[];
    };
    // The flagged addresses, highest score first: the ones on the table's first page.
    flagged = report.ips
      .filter((r) => r.verdict === "malicious")
      .sort((a, b) => (b.score ?? 0) - (a.score ?? 0))
      .map((r) => r.ip);
    expect(flagged.length, "the fixture's report flags at least three addresses").toBeGreaterThanOrEqual(3);
    reportId = (await getReportForUpload({ tenantId, uploadId })).id;
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await browser.close();
    await closeDb();
  });

  it("an analyst marks a flagged IP a false positive from the report; the IP page lists it", async () => {
    const ip = flagged[0] ?? "";
    const page = await sessionAs(analyst);
    await page.goto(`${baseUrl}/uploads/${uploadId}/report`);
    await page.getByLabel(`Select ${ip}`, { exact: true }).check();
    await expect.poll(() => page.getByTestId("selected-count").innerText()).toMatch(/^1 selected/);
    const bar = page.getByTestId("verdict-bar");
    await bar.getByLabel("Note (optional)").fill("our own scanner");
    await bar.getByRole("button", { name: "False positive (benign)" }).click();
    await bar.getByRole("status").getByText(`Recorded benign on ${ip}.`).waitFor();
    // The row shows the analyst's verdict beside the model's.
    const row = page.locator("[data-testid=ip-table] tbody tr", { hasText: ip }).first();
    expect(await row.getByTestId("given-verdict").innerText()).toContain("benign");

    const stored = await listVerdicts({ tenantId, ip });
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ verdict: "benign", note: "our own scanner", reportId });
    expect(stored[0]?.userId).not.toBeNull();

    await page.goto(`${baseUrl}/ips/${encodeURIComponent(ip)}`);
    const history = page.locator("table[data-testid=verdict-history] tbody tr");
    expect(await history.count()).toBe(1);
    const cells = await history.first().locator("td").allInnerTexts();
    expect(cells[1]).toBe("benign");
    expect(cells[2]).toBe(analyst.email);
    expect(cells[3]).toBe("our own scanner");
    expect(cells[0]).toContain("(used for training)");

    // From the IP page itself: a later verdict goes on top and is the one training uses.
    await page.getByTestId("verdict-form").getByRole("button", { name: "Confirm malicious" }).click();
    await expect.poll(() => history.count()).toBe(2);
    expect(await history.first().locator("td").nth(1).innerText()).toBe("malicious");
  });

  it("an analyst selects two flagged IPs and gives both one verdict", async () => {
    const [a = "", b = ""] = flagged.slice(1, 3);
    const page = await sessionAs(analyst);
    await page.goto(`${baseUrl}/uploads/${uploadId}/report`);
    await page.getByLabel(`Select ${a}`, { exact: true }).check();
    await page.getByLabel(`Select ${b}`, { exact: true }).check();
    await expect.poll(() => page.getByTestId("selected-count").innerText()).toMatch(/^2 selected/);
    const bar = page.getByTestId("verdict-bar");
    await bar.getByRole("button", { name: "Confirm malicious" }).click();
    await bar.getByRole("status").getByText("Recorded malicious on 2 addresses.").waitFor();
    expect(await page.getByTestId("selected-count").innerText()).toMatch(/^0 selected/);
    for (const ip of [a, b]) {
      const stored = await listVerdicts({ tenantId, ip });
      expect(stored.map((v) => [v.verdict, v.reportId])).toEqual([["malicious", reportId]]);
    }
    expect(await page.getByTestId("given-verdict").count()).toBe(2);
  });

  it("a viewer sees no verdict controls, no admin links, and gets 403 from the admin pages and the API", async () => {
    const page = await sessionAs(viewer);
    await page.goto(`${baseUrl}/uploads/${uploadId}/report`);
    await page.getByTestId("ip-table").waitFor();
    expect(await page.locator("[data-testid=ip-table] tbody tr").count()).toBeGreaterThan(0);
    expect(await page.getByTestId("verdict-bar").count()).toBe(0);
    expect(await page.locator("[data-testid=ip-table] input[type=checkbox]").count()).toBe(0);
    await page.goto(`${baseUrl}/ips/${encodeURIComponent(flagged[0] ?? "")}`);
    await page.getByTestId("ip-heading").waitFor();
    expect(await page.getByTestId("verdict-form").count()).toBe(0);
    // The viewer still reads the verdict history.
    expect(await page.locator("table[data-testid=verdict-history] tbody tr").count()).toBe(2);
    const nav = page.locator("header nav");
    for (const link of ["Keys", "Members", "Audit", "Lists", "Settings"])
      expect(await nav.getByRole("link", { name: link, exact: true }).count()).toBe(0);

    for (const path of ["/keys", "/members", "/lists", "/audit", "/settings"]) {
      const res = await page.goto(`${baseUrl}${path}`);
      expect(res?.status(), path).toBe(403);
      await page.getByRole("heading", { name: "Not allowed" }).waitFor();
    }
    const feedback = await page.request.post(`${baseUrl}/api/v1/feedback`, {
      headers: { "x-mlsec-portal": "1" },
      data: { ip: flagged[0], verdict: "benign" },
    });
    expect(feedback.status()).toBe(403);
    expect(await listVerdicts({ tenantId, ip: flagged[0] ?? "" })).toHaveLength(2);
  });

  it("an analyst may open the lists page but not the keys, members or audit pages", async () => {
    const page = await sessionAs(analyst);
    expect((await page.goto(`${baseUrl}/lists`))?.status()).toBe(200);
    await page.getByRole("heading", { name: "Allow and block lists" }).waitFor();
    for (const path of ["/keys", "/members", "/audit", "/settings"])
      expect((await page.goto(`${baseUrl}${path}`))?.status(), path).toBe(403);
  });
});
