import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { closeDb, createTenantWithOwner } from "@mlsec/db";
import { apiGet, waitForUpload } from "./api.ts";
import { launchChromium } from "./browser.ts";
import { recentFixture, uniqueEmail } from "./fixture.ts";
import { signIn, type TAccount } from "./portal.ts";

const baseUrl = inject("baseUrl");
// `npm run docs:screenshots` (infra/docs-screenshots.mjs) copies these into docs/screenshots.
const out = fileURLToPath(new URL("./screenshots/docs/", import.meta.url));

/**
 * The pages the README and docs show, captured from a real tenant after a real upload, so the
 * pictures in docs/ follow the portal. Each shot waits for what makes the page worth showing.
 */
describe("docs screenshots: the dashboard, a report and an IP page", () => {
  const account: TAccount = {
    organisation: "Example Security Team",
    email: uniqueEmail("docs-shots"),
    password: "docs-shots-password-1",
  };
  let browser: Browser;
  let page: Page;
  let uploadId = "";
  let ip = "";

  beforeAll(async () => {
    mkdirSync(out, { recursive: true });
    const owner = await createTenantWithOwner({
      name: account.organisation,
      email: account.email,
      password: account.password,
      withApiKey: true,
    });
    const key = owner.apiKey ?? "";
    const res = await fetch(`${baseUrl}/api/v1/uploads?filename=ufw-sample.log`, {
      method: "POST",
      headers: { Authorization: `Bearer ${key}` },
      body: recentFixture(),
    });
    uploadId = String(((await res.json()) as { id: unknown }).id);
    expect((await waitForUpload(baseUrl, uploadId, key)).status).toBe("done");
    const report = (await (await apiGet(baseUrl, `/api/v1/uploads/${uploadId}/report`, key)).json()) as {
      ips: { ip: string; bucket: string }[];
    };
    ip = report.ips.find((i) => i.bucket === "block")?.ip ?? report.ips[0]?.ip ?? "";
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signIn(page, baseUrl, account);
  });
  afterAll(async () => {
    await browser?.close();
    await closeDb();
  });

  it("captures each page once its content has drawn", async () => {
    await page.goto(`${baseUrl}/`);
    await page.getByTestId("chart-activity").locator("canvas").waitFor();
    expect(Number(await page.getByTestId("stat-events").getAttribute("data-value"))).toBeGreaterThan(0);
    await page.screenshot({ path: `${out}dashboard.png`, fullPage: true });

    await page.goto(`${baseUrl}/uploads/${uploadId}/report`);
    await page.getByTestId("report-summary").waitFor();
    await page.screenshot({ path: `${out}report.png`, fullPage: true });

    await page.goto(`${baseUrl}/ips/${encodeURIComponent(ip)}`);
    await page.getByTestId("ip-heading").waitFor();
    await page.screenshot({ path: `${out}ip.png`, fullPage: true });
  });
});
