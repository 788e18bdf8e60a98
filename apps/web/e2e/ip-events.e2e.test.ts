import { readFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { closeDb, listAudit, listVerdicts } from "@mlsec/db";
import { nextTrainingRows } from "@mlsec/pipeline/test/training-rows";
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
  let tenantId = "";
  let otherKey = "";
  let uploadId = "";
  let ip = "";

  beforeAll(async () => {
    expect(inject("workerRunning"), "the worker must be running").toBe(true);
    const seeded = await seedOrganisation(owner);
    key = seeded.key;
    tenantId = seeded.tenantId;
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
  const feedback = (body: unknown, as = key) =>
    fetch(`${baseUrl}/api/v1/feedback`, {
      method: "POST",
      headers: { Authorization: `Bearer ${as}`, "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });

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

  it("records a verdict on one sampled event: history, audit, 400 off the sample, 404 for another tenant, that address-day relabelled", async () => {
    const body = (await (await events("")).json()) as TEventsBody;
    const [day] = body.days;
    const line = day?.events[0]?.line ?? 0;
    expect(line).toBeGreaterThan(0);
    const res = await feedback({ uploadId, line, verdict: "benign", note: "our own scanner" });
    expect(res.status).toBe(201);
    const saved = (await res.json()) as { ip: string; day: string; cluster: string | null; event: unknown };
    expect(saved).toMatchObject({ ip, day: day?.day, event: { uploadId, line, filename: "ufw-sample.log" } });

    const history = (await (
      await apiGet(baseUrl, `/api/v1/ips/${encodeURIComponent(ip)}/verdicts`, key)
    ).json()) as { verdicts: { day: string | null; event: { line: number; text: string } | null }[] };
    expect(history.verdicts[0]).toMatchObject({ day: day?.day, event: { line } });
    expect(history.verdicts[0]?.event?.text).toMatch(
      new RegExp(
        `^line ${line} of upload ufw-sample\\.log: \\d+/tcp blocked at ${day?.day} \\d\\d:\\d\\d:\\d\\d UTC$`,
      ),
    );
    const [audit] = await listAudit({ tenantId, action: "verdict" });
    expect(audit?.target).toBe(ip);
    expect(audit?.detail).toMatchObject({
      day: day?.day,
      cluster: saved.cluster,
      event: { uploadId, line, text: history.verdicts[0]?.event?.text },
    });

    // A line of this address the sample only counted (or, if every one was kept, a line past the file).
    const sampled = new Set(body.days.flatMap((d) => d.events.map((e) => e.line)));
    const fileLines = readFileSync(FIXTURE_PATH, "utf8").split("\n");
    const ownLines = fileLines.flatMap((text, i) => (text.includes(` SRC=${ip} `) ? [i + 1] : []));
    const unsampled = ownLines.find((n) => !sampled.has(n)) ?? fileLines.length + 100;
    const off = await feedback({ uploadId, line: unsampled, verdict: "benign" });
    expect(off.status).toBe(400);
    expect(((await off.json()) as { error: string }).error).toContain(
      `line ${unsampled} is not in the event sample of upload ${uploadId}`,
    );
    expect((await feedback({ uploadId, line, verdict: "benign" }, otherKey)).status).toBe(404);
    expect(await listVerdicts({ tenantId, ip })).toHaveLength(1);

    // The next training set: that address-day relabelled benign by the analyst, no other row changed.
    const onDay = (v: { ip: string; day?: string }) => v.ip === ip && v.day === day?.day;
    const before = await nextTrainingRows({ tenantId, uploadId, keep: (v) => !onDay(v) });
    const after = await nextTrainingRows({ tenantId, uploadId });
    const keyOf = (r: { day: string; ip: string }) => `${r.day} ${r.ip}`;
    const was = new Map(before.rows.map((r) => [keyOf(r), r]));
    const changed = after.rows.filter((r) => JSON.stringify(r) !== JSON.stringify(was.get(keyOf(r))));
    expect(changed.map(keyOf)).toEqual([`${day?.day} ${ip}`]);
    expect(changed[0]).toMatchObject({ y: 0, source: "analyst" });
    expect(after.rows.map(keyOf).sort()).toEqual(before.rows.map(keyOf).sort());
  });

  it("gives an event verdict from the IP page without JavaScript, and the report's flagged row links to its events", async () => {
    browser ??= await launchChromium();
    const context = await browser.newContext();
    await signIn(await context.newPage(), baseUrl, owner);
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    await noJs.addCookies(await context.cookies());
    try {
      const plain = await noJs.newPage();
      await plain.goto(`${baseUrl}/ips/${encodeURIComponent(ip)}`);
      const row = plain.getByTestId("sampled-event").last();
      const line = Number(await row.getAttribute("data-line"));
      await Promise.all([
        plain.waitForURL(/eventVerdict=malicious/),
        row.getByRole("button", { name: `Line ${line}: malicious` }).click(),
      ]);
      expect(await plain.getByTestId("event-verdict-notice").innerText()).toContain(
        `Recorded malicious on line ${line}`,
      );
      expect(await plain.getByTestId("verdict-event").first().innerText()).toContain(
        `event verdict: line ${line} of upload ufw-sample.log:`,
      );
      const [stored] = await listVerdicts({ tenantId, ip });
      expect(stored).toMatchObject({ verdict: "malicious", event: { uploadId, line } });

      const page = await context.newPage();
      await page.goto(`${baseUrl}/uploads/${uploadId}/report`);
      // The flagged row's event count is the link (its label names the count, the address and the upload).
      const link = page.getByRole("link", {
        name: new RegExp(`^[\\d,]+ events of ${ip.replaceAll(".", "\\.")} in this upload$`),
      });
      expect(await link.getAttribute("href")).toBe(`/ips/${encodeURIComponent(ip)}#events-${uploadId}`);
      await Promise.all([page.waitForURL(new RegExp(`#events-${uploadId}$`)), link.click()]);
      const section = page.locator(`[id="events-${uploadId}"]`);
      expect(await section.getByTestId("sampled-day").count()).toBeGreaterThan(0);
    } finally {
      await noJs.close();
      await context.close();
    }
  });
});
