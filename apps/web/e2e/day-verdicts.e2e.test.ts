import { readFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { closeDb, listAudit, listVerdicts } from "@mlsec/db";
import { apiGet } from "./api.ts";
import { launchChromium } from "./browser.ts";
import { FIXTURE_PATH } from "./fixture.ts";
import { signIn } from "./portal.ts";
import { MS_PER_DAY } from "@mlsec/core/day";
import { newAccount, seedOrganisation, uploadAndWait } from "./seed.ts";

const baseUrl = inject("baseUrl");

describe("verdicts on one day of an address: API validation, history, the IP page's day rows", () => {
  let browser: Browser;
  const owner = newAccount("day-verdicts", "E2E Day Verdicts Org");
  let tenantId = "";
  let key = "";
  let ip = "";

  const feedback = (body: unknown) =>
    fetch(`${baseUrl}/api/v1/feedback`, {
      method: "POST",
      headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    expect(inject("workerRunning"), "the worker must be running").toBe(true);
    browser = await launchChromium();
    const created = await seedOrganisation(owner);
    tenantId = created.tenantId;
    key = created.key;
    const uploadId = await uploadAndWait(baseUrl, key, readFileSync(FIXTURE_PATH));
    const report = (await (await apiGet(baseUrl, `/api/v1/uploads/${uploadId}/report`, key)).json()) as {
      ips: { ip: string; verdict: string }[];
    };
    ip = report.ips.find((r) => r.verdict === "malicious")?.ip ?? report.ips[0]?.ip ?? "";
    expect(ip).not.toBe("");
  });
  afterAll(async () => {
    await browser.close();
    await closeDb();
  });

  it("answers 400 with a message for a bad day or cluster, and stores nothing", async () => {
    const tomorrow = new Date(Date.now() + MS_PER_DAY).toISOString().slice(0, 10);
    for (const [extra, message] of [
      [{ day: "2026-02-30" }, "not a calendar date"],
      [{ day: "01/09/2026" }, "YYYY-MM-DD"],
      [{ day: tomorrow }, "future"],
      [{ day: "2026-09-01", cluster: "x".repeat(65) }, ""],
    ] as const) {
      const res = await feedback({ ip, verdict: "benign", ...extra });
      expect(res.status, JSON.stringify(extra)).toBe(400);
      const body = (await res.json()) as { error: string; issues: unknown };
      expect(body.error).toBe("invalid feedback");
      expect(JSON.stringify(body.issues)).toContain(message);
    }
    // One bad item refuses the whole array.
    const res = await feedback([
      { ip, verdict: "benign", day: "2026-09-01" },
      { ip, verdict: "benign", day: tomorrow },
    ]);
    expect(res.status).toBe(400);
    expect(await listVerdicts({ tenantId, ip })).toEqual([]);
  });

  it("stores a day verdict, lists it in the API history and records it in the audit log", async () => {
    const res = await feedback({ ip, verdict: "benign", day: "2026-09-01", cluster: "watched-ports" });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ ip, day: "2026-09-01", cluster: "watched-ports" });
    const history = (await (
      await apiGet(baseUrl, `/api/v1/ips/${encodeURIComponent(ip)}/verdicts`, key)
    ).json()) as { verdicts: { verdict: string; day: string | null; cluster: string | null }[] };
    expect(history.verdicts).toMatchObject([
      { verdict: "benign", day: "2026-09-01", cluster: "watched-ports" },
    ]);
    const audit = await listAudit({ tenantId, action: "verdict" });
    expect(audit[0]?.detail).toMatchObject({
      verdict: "benign",
      day: "2026-09-01",
      cluster: "watched-ports",
    });
  });

  it("gives a verdict on one day of the address from the IP page", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(page, baseUrl, owner);
    await page.goto(`${baseUrl}/ips/${encodeURIComponent(ip)}`);
    const row = page.locator("[data-testid=day-verdicts] tbody tr").first();
    const day = (await row.getAttribute("data-day")) ?? "";
    expect(day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await row.getByRole("button", { name: "This day: malicious" }).click();
    await page
      .getByTestId("day-verdicts")
      .getByRole("status")
      .getByText(`Recorded malicious on ${ip} for ${day}.`)
      .waitFor();
    const stored = await listVerdicts({ tenantId, ip });
    expect(stored[0]).toMatchObject({ verdict: "malicious", day });
    const history = page.locator("table[data-testid=verdict-history] tbody tr");
    await expect.poll(() => history.count()).toBe(2);
    expect(await history.first().locator("td").nth(4).innerText()).toContain(`${day} only`);
    await context.close();
  });
});
