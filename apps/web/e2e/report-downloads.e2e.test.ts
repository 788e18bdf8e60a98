import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { isIP } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { closeDb } from "@mlsec/db";
import { stixBundleValidator } from "../../../packages/core/test/export/stix-validator.ts";
import { launchChromium } from "./browser.ts";
import { FIXTURE_PATH, fixtureSources } from "./fixture.ts";
import { signIn } from "./portal.ts";
import { newAccount, seedOrganisation, uploadAndWait } from "./seed.ts";

const baseUrl = inject("baseUrl");
const root = fileURLToPath(new URL("../../../", import.meta.url));
const screenshots = fileURLToPath(new URL("./screenshots/", import.meta.url));

/** Clicks a download link as a person would and returns the saved file's text. */
async function download(page: Page, format: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.click(`[data-testid=export-links] [data-format=${format}]`),
  ]);
  const path = await file.path();
  return { name: file.suggestedFilename(), text: readFileSync(path, "utf8") };
}

describe("report exports downloaded from the portal, and the CLI's HTML report", () => {
  let browser: Browser;
  let page: Page;
  let uploadId = "";
  const account = newAccount("downloads", "E2E Downloads Org");
  const sources = [...fixtureSources().keys()];

  beforeAll(async () => {
    const created = await seedOrganisation(account);
    const key = created.key;
    uploadId = await uploadAndWait(baseUrl, key, readFileSync(FIXTURE_PATH));
    browser = await launchChromium();
    page = await (await browser.newContext({ acceptDownloads: true })).newPage();
    await signIn(page, baseUrl, account);
    await page.goto(`${baseUrl}/uploads/${uploadId}/report`);
    mkdirSync(screenshots, { recursive: true });
  });
  afterAll(async () => {
    await browser.close();
    await closeDb();
  });

  it("downloads CSV, JSON and the ipset list, each parsing to the report's addresses", async () => {
    const csv = await download(page, "csv");
    expect(csv.name).toMatch(/\.csv$/);
    const [header = "", ...rows] = csv.text.trim().split(/\r?\n/);
    expect(header.split(",")).toEqual(expect.arrayContaining(["ip", "score", "verdict", "bucket"]));
    const ipColumn = header.split(",").indexOf("ip");
    expect(new Set(rows.map((r) => r.split(",")[ipColumn]))).toEqual(new Set(sources));

    const json = await download(page, "json");
    const parsed = JSON.parse(json.text) as { count: number; ips: { ip: string; score: number }[] };
    expect(parsed.count).toBe(sources.length);
    expect(new Set(parsed.ips.map((e) => e.ip))).toEqual(new Set(sources));

    const txt = await download(page, "txt");
    const listed = txt.text.split("\n").filter((l) => l.trim() && !l.startsWith("#"));
    expect(listed.every((l) => isIP(l.trim()) !== 0)).toBe(true);
    expect(new Set(listed)).toEqual(new Set(sources));
  });

  it("downloads a STIX 2.1 bundle that the OASIS schemas accept", async () => {
    const stix = await download(page, "stix");
    const bundle = JSON.parse(stix.text) as { type: string; objects: { type: string; pattern?: string }[] };
    expect(bundle.type).toBe("bundle");
    expect(stixBundleValidator()(bundle)).toEqual([]);
    const patterns = bundle.objects.filter((o) => o.type === "indicator").map((o) => o.pattern ?? "");
    expect(patterns.length).toBe(sources.length);
    for (const ip of sources) expect(patterns.some((p) => p.includes(`'${ip}'`))).toBe(true);
  });

  it("renders the CLI's self-contained HTML report legibly in Chromium", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mlsec-html-"));
    const html = join(dir, "report.html");
    const run = spawnSync(
      process.execPath,
      ["apps/cli/bin/mlsec.js", "analyze", "samples/ufw.log.gz", "samples/auth.log.gz", "--html", html],
      { cwd: root, encoding: "utf8" },
    );
    expect(run.status, run.stderr).toBe(0);
    const view = await (await browser.newContext({ viewport: { width: 1200, height: 1400 } })).newPage();
    await view.goto(`file://${html}`);
    await expect(view.locator("h1").innerText()).resolves.toBe("mlsec report");
    expect(await view.locator("figure svg rect").count()).toBeGreaterThan(5);
    expect(await view.locator("table tbody tr").count()).toBeGreaterThan(100);
    await view.screenshot({ path: join(screenshots, "cli-html-report.png") });
  });
});
