import { readFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { closeDb } from "@mlsec/db";
import { apiGet } from "./api.ts";
import { launchChromium } from "./browser.ts";
import { FIXTURE_PATH } from "./fixture.ts";
import { signIn } from "./portal.ts";
import { newAccount, seedOrganisation, uploadAndWait } from "./seed.ts";

const baseUrl = inject("baseUrl");

type TEventsBody = {
  ip: string;
  days: { uploadId: string; day: string; more: number; events: { line: number; time: string }[] }[];
};

describe("GET /api/v1/ips/:ip/events: the sampled events kept with the upload (#17)", () => {
  const owner = newAccount("ip-events", "E2E IP Events Org");
  const other = newAccount("ip-events-b", "E2E IP Events Other Org");
  let key = "";
  let otherKey = "";
  let uploadId = "";
  let ip = "";

  beforeAll(async () => {
    expect(inject("workerRunning"), "the worker must be running").toBe(true);
    key = (await seedOrganisation(owner)).key;
    otherKey = (await seedOrganisation(other)).key;
    uploadId = await uploadAndWait(baseUrl, key, readFileSync(FIXTURE_PATH));
    const report = (await (await apiGet(baseUrl, `/api/v1/uploads/${uploadId}/report`, key)).json()) as {
      ips: { ip: string; verdict: string }[];
    };
    ip = report.ips.find((r) => r.verdict === "malicious")?.ip ?? report.ips[0]?.ip ?? "";
    expect(ip).not.toBe("");
  });
  afterAll(async () => {
    await browser?.close();
    await closeDb();
  });
  let browser: Browser | undefined;

  const events = (query: string, as = key) =>
    apiGet(baseUrl, `/api/v1/ips/${encodeURIComponent(ip)}/events${query}`, as);

  it("answers the address's sampled days of this upload, at most 5 events each, with line numbers", async () => {
    const res = await events("");
    expect(res.status).toBe(200);
    const body = (await res.json()) as TEventsBody;
    expect(body.ip).toBe(ip);
    expect(body.days.length).toBeGreaterThan(0);
    for (const d of body.days) {
      expect(d.uploadId).toBe(uploadId);
      expect(d.events.length).toBeGreaterThan(0);
      expect(d.events.length).toBeLessThanOrEqual(5);
      for (const e of d.events) {
        expect(e.line).toBeGreaterThan(0);
        expect(e.time.slice(0, 10)).toBe(d.day);
      }
    }
    const day = body.days[0]?.day ?? "";
    const one = (await (await events(`?day=${day}`)).json()) as TEventsBody;
    expect(one.days.map((d) => d.day)).toEqual([day]);
  });

  it("400s a bad day, and 404s another tenant's address and a day without events", async () => {
    const bad = await events("?day=2026-02-30");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toBe("invalid query");
    expect((await events("", otherKey)).status).toBe(404);
    expect((await events("?day=1999-01-01")).status).toBe(404);
  });

  it("shows the same sampled events on the IP page, per day, with 'and N more'", async () => {
    const body = (await (await events("")).json()) as TEventsBody;
    browser = await launchChromium();
    const page = await (await browser.newContext()).newPage();
    await signIn(page, baseUrl, owner);
    await page.goto(`${baseUrl}/ips/${encodeURIComponent(ip)}`);
    const lines = await page.getByTestId("sampled-event").locator("td:first-child").allTextContents();
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.map(Number)).toEqual(body.days.flatMap((d) => d.events.map((e) => e.line)));
    const more = body.days.filter((d) => d.more > 0).map((d) => `and ${d.more} more`);
    expect(await page.getByTestId("sampled-more").allTextContents()).toEqual(more);
  });
});
