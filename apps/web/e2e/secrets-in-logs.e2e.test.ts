// Secrets never reach the logs: a session of this file handles every kind of secret the platform
// sees (passwords, right and wrong, at sign-up, sign-in and invitation accept; an API key; a feed
// token; a webhook signing secret that the worker's notify job loads) and ends by reading the portal's
// and the worker's whole log of this e2e run (apps/web/e2e/logs, written by global-platform.ts):
// none of them may appear there. The logs are from the run so far, so earlier files' traffic is
// checked too; the values are unique to this file.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { closeDb, createInvitation, createTenantWithOwner } from "@mlsec/db";
import { waitForUpload } from "./api.ts";
import { launchChromium } from "./browser.ts";
import { FIXTURE_PATH, uniqueEmail } from "./fixture.ts";
import { signIn } from "./portal.ts";

const baseUrl = inject("baseUrl");
const logs = (name: string) =>
  readFileSync(fileURLToPath(new URL(`./logs/${name}.log`, import.meta.url)), "utf8");
const secret = (label: string) => `${label}-${randomBytes(12).toString("hex")}`;

describe("secrets in logs", () => {
  let browser: Browser;
  const seen: Record<string, string> = {};

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await closeDb();
  });

  it("handles passwords, keys, tokens and a webhook secret, and none of them is in the logs", async () => {
    expect(inject("workerRunning"), "the worker must be running").toBe(true);
    seen.password = secret("owner password");
    seen.wrongPassword = secret("wrong password");
    seen.invitePassword = secret("invitee password");
    seen.webhookSecret = secret("whsec");
    const email = uniqueEmail("logs-owner");
    const t = await createTenantWithOwner({
      name: "E2E Logs",
      email,
      password: seen.password,
      withApiKey: true,
    });
    seen.apiKey = t.apiKey ?? "";

    // A wrong password over next-auth's own endpoint, then the right one through the form.
    const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const jar = csrf.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const wrong = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar },
      body: new URLSearchParams({ csrfToken, email, password: seen.wrongPassword, json: "true" }),
    });
    await wrong.arrayBuffer();
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, baseUrl, { organisation: "", email, password: seen.password });
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    seen.sessionCookie = (await context.cookies()).find((c) => c.name.endsWith("session-token"))?.value ?? "";
    const portal = (method: string, path: string, body: unknown) =>
      fetch(`${baseUrl}/api/v1${path}`, {
        method,
        headers: { Cookie: cookie, "x-mlsec-portal": "1", "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });

    // A webhook the worker will try to sign and send when the upload's report is ready.
    const settings = await portal("PATCH", "/settings", {
      notifications: {
        webhookUrl: "https://hooks.example.com/mlsec",
        webhookSecret: seen.webhookSecret,
        notifyEmail: null,
      },
    });
    expect(settings.status, await settings.text()).toBe(200);
    const key = await portal("POST", "/keys", { name: "logged?", scopes: ["read"] });
    seen.newApiKey = String(((await key.json()) as { key: string }).key);
    const feed = await fetch(`${baseUrl}/api/v1/feeds`, {
      method: "POST",
      headers: { Authorization: `Bearer ${seen.apiKey}`, "Content-Type": "application/json" },
      body: JSON.stringify({ name: "logged?", format: "edl" }),
    });
    const created = (await feed.json()) as { id: string; token: string };
    seen.feedToken = created.token;
    await (await fetch(`${baseUrl}/api/v1/feeds/${created.id}/edl?token=${seen.feedToken}`)).arrayBuffer();
    const inv = await createInvitation({
      tenantId: t.tenantId,
      email: uniqueEmail("logs-invitee"),
      role: "viewer",
    });
    seen.invitationToken = inv.token;
    const accepted = await fetch(`${baseUrl}/api/v1/invitations/accept`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ token: inv.token, password: seen.invitePassword }),
    });
    expect(accepted.status).toBe(200);

    // An upload through to its report, so the worker's notify job runs with the webhook secret.
    const up = await fetch(`${baseUrl}/api/v1/uploads?filename=logs.log`, {
      method: "POST",
      headers: { Authorization: `Bearer ${seen.apiKey}`, "Content-Type": "application/octet-stream" },
      body: readFileSync(FIXTURE_PATH),
    });
    expect(up.status).toBe(202);
    const { id } = (await up.json()) as { id: string };
    expect((await waitForUpload(baseUrl, id, seen.apiKey)).status).toBe("done");
    // Give the notify job its first attempt (hooks.example.com is refused or unreachable here).
    await new Promise((r) => setTimeout(r, 5000));
    await context.close();

    // The right files: each holds its process's start-up line.
    expect(logs("worker")).toContain("worker ready");
    expect(logs("web")).toMatch(/Ready in|started server/i);
    const all = `${logs("web")}\n${logs("worker")}`;
    for (const [what, value] of Object.entries(seen)) {
      expect(value.length, what).toBeGreaterThan(10);
      expect(all.includes(value), `${what} is in the logs`).toBe(false);
    }
  });
});
