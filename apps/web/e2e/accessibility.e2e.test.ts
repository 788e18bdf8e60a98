import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { closeDb } from "@mlsec/db";
import { launchChromium } from "./browser.ts";
import { recentFixture } from "./fixture.ts";
import { signIn } from "./portal.ts";
import { newAccount, reportRows, seedOrganisation, uploadAndWait } from "./seed.ts";

const baseUrl = inject("baseUrl");
const AXE_PATH = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
// `npm run docs:screenshots` (infra/docs-screenshots.mjs) runs this file and copies these into docs/.
const SHOTS = fileURLToPath(new URL("./screenshots/docs/", import.meta.url));
/** Pages the docs show, with what must have drawn before the picture is worth taking. */
const DOC_SHOTS: Record<string, { name: string; ready: string }> = {
  "/": { name: "dashboard.png", ready: "[data-testid=chart-activity] canvas" },
  report: { name: "report.png", ready: "[data-testid=report-summary]" },
  ip: { name: "ip.png", ready: "[data-testid=ip-heading]" },
};

type TViolation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

/** axe-core's WCAG 2.x A/AA rules on the page as it stands; only serious and critical findings. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: Document, opts: object) => Promise<{ violations: TViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21aa"] },
    });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

describe("accessibility: axe-core finds no serious or critical WCAG 2.1 AA violation on any page (and the docs' screenshots)", () => {
  const account = newAccount("a11y", "Example Security Team");
  let browser: Browser;
  let page: Page;
  let uploadId = "";
  let ip = "";

  beforeAll(async () => {
    const { key } = await seedOrganisation(account);
    uploadId = await uploadAndWait(baseUrl, key, recentFixture());
    const report = { ips: await reportRows<{ ip: string }>(baseUrl, uploadId, key) };
    ip = report.ips[0]?.ip ?? "";
    mkdirSync(SHOTS, { recursive: true });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await closeDb();
  });

  it("signed out: sign-in and sign-up", async () => {
    for (const path of ["/signin", "/signup"]) {
      await page.goto(`${baseUrl}${path}`);
      await page.waitForLoadState("networkidle");
      expect(await seriousViolations(page), path).toEqual([]);
    }
  });

  it("signed in: every page of the portal", async () => {
    await signIn(page, baseUrl, account);
    const paths = [
      "/",
      "/listed?bucket=block",
      "/uploads/new",
      `/uploads/${uploadId}`,
      `/uploads/${uploadId}/report`,
      `/ips/${encodeURIComponent(ip)}`,
      "/ips",
      "/models",
      "/feeds",
      "/lists",
      "/keys",
      "/members",
      "/settings",
      "/audit",
      "/community",
    ];
    const shots: Record<string, { name: string; ready: string } | undefined> = {
      "/": DOC_SHOTS["/"],
      [`/uploads/${uploadId}/report`]: DOC_SHOTS.report,
      [`/ips/${encodeURIComponent(ip)}`]: DOC_SHOTS.ip,
    };
    const found: string[] = [];
    for (const path of paths) {
      await page.goto(`${baseUrl}${path}`);
      await page.waitForLoadState("networkidle");
      const shot = shots[path];
      if (shot) {
        await page.locator(shot.ready).first().waitFor();
        await page.screenshot({ path: `${SHOTS}${shot.name}`, fullPage: true });
      }
      for (const v of await seriousViolations(page)) found.push(`${path}: ${v}`);
    }
    expect(found).toEqual([]);
  });
});
