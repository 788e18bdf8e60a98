import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { closeDb, createTenantWithOwner, recordVerdict } from "@mlsec/db";
import { apiGet, waitForUpload } from "./api.ts";
import { launchChromium } from "./browser.ts";
import { uniqueEmail } from "./fixture.ts";
import { manySourcesLog } from "./many-sources.ts";
import { signIn } from "./portal.ts";
import { newAccount, seedOrganisation } from "./seed.ts";

const baseUrl = inject("baseUrl");
const screenshots = fileURLToPath(new URL("./screenshots/", import.meta.url));

/** Painted pixels of the chart's canvas: 0 for a missing, unsized or blank chart. */
async function paintedPixels(chart: Locator): Promise<number> {
  return chart.locator("canvas").evaluate((canvas: HTMLCanvasElement) => {
    if (!canvas.width || !canvas.height) return 0;
    const data = canvas.getContext("2d")?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) painted++;
    return painted;
  });
}

async function tableIps(page: Page): Promise<string[]> {
  return page.locator("[data-testid=ip-table] tbody tr td.mono").allInnerTexts();
}

describe("report charts, paged IP table, IP page and model page", () => {
  let browser: Browser;
  let page: Page;
  let uploadId = "";
  let key = "";
  let tenantId = "";
  let userId = "";
  const fixture = manySourcesLog(300);
  const account = newAccount("charts", "E2E Charts Org");

  beforeAll(async () => {
    expect(inject("workerRunning"), "the worker must be running").toBe(true);
    const created = await seedOrganisation(account);
    key = created.key;
    tenantId = created.tenantId;
    userId = created.userId;
    const res = await fetch(`${baseUrl}/api/v1/uploads?filename=many-sources.log`, {
      method: "POST",
      headers: { Authorization: `Bearer ${key}`, "Content-Type": "text/plain" },
      body: fixture.text,
    });
    expect(res.status).toBe(202);
    uploadId = String(((await res.json()) as { id: unknown }).id);
    const final = await waitForUpload(baseUrl, uploadId, key);
    expect(final.error).toBeNull();
    expect(final.status).toBe("done");
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signIn(page, baseUrl, account);
    mkdirSync(screenshots, { recursive: true });
  });
  afterAll(async () => {
    await browser.close();
    await closeDb();
  });

  it("draws the report's charts", async () => {
    await page.goto(`${baseUrl}/uploads/${uploadId}/report`);
    for (const id of [
      "chart-buckets",
      "chart-histogram",
      "chart-daily",
      "chart-top-ports",
      "chart-top-ases",
    ]) {
      const chart = page.getByTestId(id);
      await chart.locator("canvas").waitFor();
      expect(await paintedPixels(chart), `${id} has drawn pixels`).toBeGreaterThan(500);
    }
    for (const format of ["csv", "json", "txt", "stix"]) {
      const href = await page
        .locator(`[data-testid=export-links] a[data-format=${format}]`)
        .getAttribute("href");
      expect(href).toBe(`/api/v1/uploads/${uploadId}/report/export?format=${format}`);
    }
    await page.locator(".chart-grid").screenshot({ path: `${screenshots}report-charts.png` });
    await page.screenshot({ path: `${screenshots}report-top.png` });
  });

  it("pages, sorts and filters the IP table through the paging API", async () => {
    await page.goto(`${baseUrl}/uploads/${uploadId}/report`);
    await expect.poll(() => page.getByTestId("ip-total").innerText()).toMatch(/^300 addresses/);
    expect(await page.getByTestId("ip-page").innerText()).toBe("page 1 of 6");
    const first = await tableIps(page);
    expect(first).toHaveLength(50);

    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().includes(`/report/ips?`) && r.url().includes("page=2")),
      page.getByRole("button", { name: "Next" }).click(),
    ]);
    expect(response.status()).toBe(200);
    await expect.poll(() => page.getByTestId("ip-page").innerText()).toBe("page 2 of 6");
    const second = await tableIps(page);
    expect(second).toHaveLength(50);
    expect(second.filter((ip) => first.includes(ip))).toEqual([]);

    // Sorting by address is numeric: .9 before .10 within one /24.
    await page.getByRole("button", { name: /^Source IP/ }).click();
    await expect.poll(() => page.getByTestId("ip-page").innerText()).toBe("page 1 of 6");
    await expect.poll(async () => (await tableIps(page))[0]).toBe("23.20.0.1");

    await page.getByTestId("ip-search").fill("45.155.205.");
    await expect.poll(() => page.getByTestId("ip-total").innerText()).toMatch(/^30 addresses/);
    const filtered = await tableIps(page);
    expect(filtered.slice(0, 3)).toEqual(["45.155.205.10", "45.155.205.11", "45.155.205.12"]);
    await page.screenshot({ path: `${screenshots}report-table.png`, fullPage: false });
  });

  it("answers the paging API for its tenant only", async () => {
    const res = await apiGet(
      baseUrl,
      `/api/v1/uploads/${uploadId}/report/ips?size=10&page=3&sort=events`,
      key,
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { total: number; page: number; pages: number; rows: { ip: string }[] };
    expect(body).toMatchObject({ total: 300, page: 3, pages: 30 });
    expect(body.rows).toHaveLength(10);
    const other = await createTenantWithOwner({
      name: "E2E Charts Other",
      email: uniqueEmail("charts-other"),
      password: "other-password-1",
      withApiKey: true,
    });
    const denied = await apiGet(baseUrl, `/api/v1/uploads/${uploadId}/report/ips`, other.apiKey ?? "");
    expect(denied.status).toBe(404);
  });

  it("opens an IP page from the table with its rank history, neighbourhood and verdict history", async () => {
    await page.goto(`${baseUrl}/uploads/${uploadId}/report`);
    await page.getByTestId("ip-search").fill("193.142.146.12");
    await expect.poll(() => page.getByTestId("ip-total").innerText()).toMatch(/^1 address\b/);
    await Promise.all([
      page.waitForURL(`${baseUrl}/ips/193.142.146.12`),
      page.getByRole("link", { name: "193.142.146.12", exact: true }).click(),
    ]);
    expect(await page.getByTestId("ip-heading").innerText()).toBe("193.142.146.12");
    expect(await page.getByTestId("ip-summary").innerText()).toMatch(/block/);
    for (const id of ["chart-own-rank", "chart-net-rank", "chart-ip-events"]) {
      const chart = page.getByTestId(id);
      await chart.locator("canvas").waitFor();
      expect(await paintedPixels(chart), `${id} has drawn pixels`).toBeGreaterThan(500);
    }
    // The other 29 attackers of its /24 are its neighbours, with their scores.
    const neighbours = page.locator("[data-testid=neighbourhood] tbody tr");
    expect(await neighbours.count()).toBe(29);
    expect(await neighbours.first().innerText()).toMatch(/193\.142\.146\.\d+/);
    expect(await page.getByTestId("verdict-history").innerText()).toMatch(/No verdicts yet/);
    await page.screenshot({ path: `${screenshots}ip-page.png`, fullPage: true });

    // The header's look-up box opens any address; text that is not one is asked again.
    // A recorded verdict appears in the address's verdict history, newest first.
    await recordVerdict({
      tenantId,
      ip: "45.155.205.10",
      verdict: "benign",
      note: "our pentester",
      actor: { userId },
    });
    await page.getByLabel("Look up an IP").fill("45.155.205.10");
    await Promise.all([page.waitForURL(`${baseUrl}/ips/45.155.205.10`), page.keyboard.press("Enter")]);
    expect(await page.getByTestId("ip-heading").innerText()).toBe("45.155.205.10");
    // "By" names the member who gave it.
    expect(await page.getByTestId("verdict-history").innerText()).toContain(
      `benign\t${account.email}\tour pentester`,
    );
    await page.getByLabel("Look up an IP").fill("not-an-ip");
    await Promise.all([page.waitForURL(/\/ips\?ip=not-an-ip$/), page.keyboard.press("Enter")]);
    expect(await page.locator(".error").innerText()).toMatch(/not an IPv4 or IPv6 address/);
  });

  it("shows the model's metrics on the model page", async () => {
    await page.goto(`${baseUrl}/models`);
    const card = page.getByTestId("model-v1");
    await card.waitFor();
    expect(await card.innerText()).toMatch(/active/);
    const metrics = await card.getByTestId("model-metrics").innerText();
    expect(metrics).toMatch(/AUC\s+0\.\d{3}/);
    expect(metrics).toMatch(/Sensitivity\s+\d\.\d{3}/);
    expect(await card.getByTestId("confusion").innerText()).toMatch(/predicted malicious/i);
    // The worker keeps the cross-validated ROC points in the model row.
    const roc = card.getByTestId("chart-roc");
    await roc.locator("canvas").waitFor();
    expect(await paintedPixels(roc)).toBeGreaterThan(500);
    await page.screenshot({ path: `${screenshots}models.png`, fullPage: true });
  });
});
