import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium } from "./browser.ts";
import { FIXTURE_PATH, fixtureSources, uniqueEmail } from "./fixture.ts";
import { readIpTable, signUp } from "./portal.ts";

const baseUrl = inject("baseUrl");
const screenshots = fileURLToPath(new URL("./screenshots/", import.meta.url));

describe("portal: sign up, upload, follow the job chain, read the report", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser.close();
  });

  it("shows upload progress, live status and a report with the fixture's source IPs", async () => {
    expect(inject("workerRunning"), "the worker (apps/worker/src/main.ts) must be running").toBe(true);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signUp(page, baseUrl, {
      organisation: "E2E Upload Org",
      email: uniqueEmail("upload"),
      password: "correct horse battery",
    });

    await page.goto(`${baseUrl}/uploads/new`);
    await page.getByTestId("upload-file").setInputFiles(FIXTURE_PATH);
    await page.getByRole("button", { name: "Upload" }).click();
    // The bar appears as soon as the XHR starts and follows upload.onprogress until the status page opens.
    const bar = page.getByRole("progressbar", { name: "Uploaded" });
    await bar.waitFor();
    const seen: number[] = [];
    while (!/\/uploads\/[a-z0-9]{20,}$/.test(page.url())) {
      const value = await bar.getAttribute("aria-valuenow", { timeout: 500 }).catch(() => null);
      if (value !== null) seen.push(Number(value));
      await page.waitForTimeout(50);
    }
    expect(seen.length, "progress bar values read before the status page opened").toBeGreaterThan(0);
    expect(seen.every((v, i) => v >= 0 && v <= 100 && v >= (seen[i - 1] ?? 0))).toBe(true);

    // The status page: loaded while the chain is still running, it must reach "done" without a reload.
    const uploadId = page.url().split("/").pop() ?? "";
    await page.getByRole("progressbar").waitFor();
    const firstStatus = await page.getByTestId("upload-status").innerText();
    expect(["queued", "processing"]).toContain(firstStatus);
    await page
      .getByTestId("upload-status")
      .getByText(/^(done|failed)$/)
      .waitFor({ timeout: 150_000 });
    const error = await page
      .getByTestId("upload-error")
      .innerText({ timeout: 100 })
      .catch(() => null);
    expect(error).toBeNull();
    expect(await page.getByTestId("upload-status").innerText()).toBe("done");
    expect(page.url()).toBe(`${baseUrl}/uploads/${uploadId}`);

    await Promise.all([
      page.waitForURL(`${baseUrl}/uploads/${uploadId}/report`),
      page.getByTestId("report-link").click(),
    ]);
    await page.getByTestId("ip-table").waitFor();
    const table = await readIpTable(page);
    const expected = fixtureSources();
    expect(expected.size).toBeGreaterThanOrEqual(5);
    for (const [ip, lines] of expected) {
      const row = table.get(ip);
      expect(row, `row for ${ip}`).toBeDefined();
      expect(row?.events, `events of ${ip}`).toBe(lines);
      expect(["block", "review", "allow"]).toContain(row?.bucket);
      expect(["malicious", "benign"]).toContain(row?.verdict);
      expect(row?.score).toMatch(/^\d\.\d{3}$/);
    }
    await page.getByTestId("rejected-table").waitFor();

    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: `${screenshots}report.png`, fullPage: true });
    await context.close();
  });
});
