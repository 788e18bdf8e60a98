// Script payloads in everything a tenant or a log can put on a portal page: the upload's file name,
// rejected log lines, an allow-list reason, a verdict note, a behaviour rule's name. Each page that
// shows them is opened in Chromium with a trap: the payloads set window.__xss or open a dialog if
// they ever run. They must not, and each must be on the page as plain text.
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { closeDb, createTenantWithOwner } from "@mlsec/db";
import { waitForUpload } from "./api.ts";
import { launchChromium } from "./browser.ts";
import { FIXTURE_PATH, uniqueEmail } from "./fixture.ts";
import { signIn } from "./portal.ts";

const baseUrl = inject("baseUrl");

const payload = (tag: string) =>
  `<img src=x onerror="window.__xss='${tag}'"><script>window.__xss='${tag}'</script><svg onload=alert('${tag}')>`;
// File names lose everything up to the last slash (a browser may send a path): none in this one.
const FILE_NAME = `<img src=x onerror=window.__xss=1><svg onload=alert(1)>.log`;
// Not a log line of any format (a syslog-looking one is skipped, not rejected), so it is shown as an example.
const REJECTED_LINE = `not a firewall line ${payload("line")}`;
const LIST_REASON = payload("reason");
const VERDICT_NOTE = payload("note");
const RULE_NAME = `<img src=x onerror=alert('rule')>`;

describe("hostile strings on portal pages", () => {
  let browser: Browser;
  let page: Page;
  const dialogs: string[] = [];
  let uploadId = "";
  let ip = "";

  beforeAll(async () => {
    expect(inject("workerRunning"), "the worker must be running").toBe(true);
    const email = uniqueEmail("hostile");
    const password = "hostile-owner-password";
    const t = await createTenantWithOwner({ name: "E2E Hostile", email, password, withApiKey: true });
    const auth = { Authorization: `Bearer ${t.apiKey ?? ""}`, "Content-Type": "application/json" };
    // Second line, so it is among the few rejected lines the report keeps as examples.
    const [first = "", ...rest] = readFileSync(FIXTURE_PATH, "utf8").split("\n");
    const log = [first, REJECTED_LINE, ...rest].join("\n");
    const up = await fetch(`${baseUrl}/api/v1/uploads?filename=${encodeURIComponent(FILE_NAME)}`, {
      method: "POST",
      headers: { Authorization: auth.Authorization, "Content-Type": "application/octet-stream" },
      body: log,
    });
    expect(up.status, await up.clone().text()).toBe(202);
    uploadId = ((await up.json()) as { id: string }).id;
    expect((await waitForUpload(baseUrl, uploadId, t.apiKey ?? "")).status).toBe("done");
    ip = /SRC=(\S+)/.exec(log)?.[1] ?? "";
    const list = await fetch(`${baseUrl}/api/v1/lists`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ kind: "allow", value: "192.0.2.77", reason: LIST_REASON }),
    });
    expect(list.status, await list.clone().text()).toBeLessThan(300);
    const verdict = await fetch(`${baseUrl}/api/v1/feedback`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ ip, verdict: "malicious", note: VERDICT_NOTE }),
    });
    expect(verdict.status, await verdict.clone().text()).toBeLessThan(300);

    browser = await launchChromium();
    const context = await browser.newContext();
    page = await context.newPage();
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await signIn(page, baseUrl, { organisation: "", email, password });
    const rules = await page.evaluate(
      async ([url, name]) =>
        (
          await fetch(url, {
            method: "PATCH",
            headers: { "Content-Type": "application/json", "x-mlsec-portal": "1" },
            body: JSON.stringify({ rules: [{ name, kind: "watched-ports", ports: [22] }] }),
          })
        ).status,
      [`${baseUrl}/api/v1/settings`, RULE_NAME] as const,
    );
    expect(rules).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
    await closeDb();
  });

  const pages: [string, () => string, string[]][] = [
    ["uploads list", () => "/", [FILE_NAME]],
    ["upload status", () => `/uploads/${uploadId}`, [FILE_NAME]],
    ["report", () => `/uploads/${uploadId}/report`, [REJECTED_LINE.slice(0, 60)]],
    ["lists", () => "/lists", [LIST_REASON]],
    ["IP page", () => `/ips/${encodeURIComponent(ip)}`, [VERDICT_NOTE]],
    ["settings", () => "/settings", []],
    ["audit", () => "/audit", []],
  ];

  for (const [name, path, shown] of pages)
    it(`${name}: nothing runs, the payloads are text`, async () => {
      const res = await page.goto(`${baseUrl}${path()}`, { waitUntil: "networkidle" });
      expect(res?.status()).toBe(200);
      // Hover everything once, for payloads that would wait for a mouse.
      for (const el of (await page.locator("td, li, p, h1, h2").all()).slice(0, 200))
        await el.hover({ timeout: 300, force: true }).catch(() => undefined);
      expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
      expect(dialogs).toEqual([]);
      expect(await page.locator("img[src=x], svg[onload]").count()).toBe(0);
      const text = await page.locator("body").innerText();
      for (const s of shown) expect(text).toContain(s);
    });
});
