import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium } from "./browser.ts";
import { FIXTURE_PATH, fixtureSources, uniqueEmail } from "./fixture.ts";
import { readIpTable, signUp } from "./portal.ts";

const baseUrl = inject("baseUrl");

/** Runs in the page: reports each value of the "Uploaded" progress bar to the test through __e2eProgress. */
function recordUploadProgress(): void {
  const report = (window as unknown as { __e2eProgress: (v: number) => void }).__e2eProgress;
  const selector = '[role="progressbar"][aria-label="Uploaded"]';
  const send = (el: Element) => report(Number(el.getAttribute("aria-valuenow")));
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === "attributes" && r.target instanceof Element && r.target.matches(selector))
        send(r.target);
      for (const node of r.addedNodes) {
        if (!(node instanceof Element)) continue;
        if (node.matches(selector)) send(node);
        node.querySelectorAll(selector).forEach(send);
      }
    }
  }).observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ["aria-valuenow"],
  });
}
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

    // A small file on localhost uploads in milliseconds and the form then opens the status page,
    // faster than a locator can poll. So the page itself reports every value the bar takes.
    const progress: number[] = [];
    await page.exposeFunction("__e2eProgress", (value: number) => progress.push(value));
    await page.addInitScript(recordUploadProgress);
    await page.goto(`${baseUrl}/uploads/new`);
    await page.getByTestId("upload-file").setInputFiles(FIXTURE_PATH);
    await Promise.all([
      page.waitForURL(/\/uploads\/[a-z0-9]{20,}$/),
      page.getByRole("button", { name: "Upload" }).click(),
    ]);
    expect(progress.length, "the upload progress bar was shown").toBeGreaterThan(0);
    expect(
      progress.every((v, i) => v >= (progress[i - 1] ?? 0)),
      `values ${progress.join(",")}`,
    ).toBe(true);
    expect(Math.max(...progress)).toBe(100);

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
    // With a model, the page says how many blocked addresses are expected to be benign.
    const json = (await (await page.request.get(`${baseUrl}/api/v1/uploads/${uploadId}/report`)).json()) as {
      model: unknown;
      summary: { expectedFalseBlocks: { total: number } | null };
    };
    expect(json.summary.expectedFalseBlocks === null).toBe(json.model === null);
    if (json.summary.expectedFalseBlocks)
      expect(await page.getByTestId("expected-false-blocks").innerText()).toContain(
        json.summary.expectedFalseBlocks.total.toFixed(1),
      );

    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: `${screenshots}report.png`, fullPage: true });

    // Signing out ends the session: the same page now sends the browser to the sign-in form.
    await Promise.all([
      page.waitForURL(`${baseUrl}/signin`),
      page.getByRole("button", { name: "Sign out" }).click(),
    ]);
    await page.goto(`${baseUrl}/uploads/${uploadId}/report`);
    expect(page.url()).toBe(`${baseUrl}/signin`);
    await context.close();
  });
});
