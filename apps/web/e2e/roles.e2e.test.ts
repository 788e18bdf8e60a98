import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  acceptInvitation,
  closeDb,
  createApiKey,
  createInvitation,
  createTenantWithOwner,
  listAudit,
  listVerdicts,
  resolveApiKey,
} from "@mlsec/db";
import { launchChromium } from "./browser.ts";
import { signIn, type TAccount } from "./portal.ts";
import { newAccount } from "./seed.ts";

const baseUrl = inject("baseUrl");
// The header the portal's own scripts send with cookie-authenticated writes (CSRF guard).
const PORTAL = { "x-mlsec-portal": "1" };

function post(key: string, path: string, body: unknown): Promise<Response> {
  return fetch(`${baseUrl}${path}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}

describe("roles and API keys", () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const owner = newAccount("roles-owner", "E2E Roles Org");
  const viewer = newAccount("roles-viewer", owner.organisation);
  const analyst = newAccount("roles-analyst", owner.organisation);
  let tenantId = "";

  async function sessionAs(account: TAccount): Promise<Page> {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    await signIn(page, baseUrl, account);
    return page;
  }

  beforeAll(async () => {
    browser = await launchChromium();
    const created = await createTenantWithOwner({
      name: owner.organisation,
      email: owner.email,
      password: owner.password,
    });
    tenantId = created.tenantId;
    for (const [account, role] of [
      [viewer, "viewer"],
      [analyst, "analyst"],
    ] as const) {
      const { token } = await createInvitation({ tenantId, email: account.email, role });
      await acceptInvitation({ token, password: account.password });
    }
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await browser.close();
    await closeDb();
  });

  it("refuses a viewer's verdicts and key creation (403), in the session and with a read-only key", async () => {
    const page = await sessionAs(viewer);
    const feedback = await page.request.post(`${baseUrl}/api/v1/feedback`, {
      headers: PORTAL,
      data: { ip: "198.51.100.7", verdict: "benign", note: "viewer" },
    });
    expect(feedback.status()).toBe(403);
    const key = await page.request.post(`${baseUrl}/api/v1/keys`, {
      headers: PORTAL,
      data: { name: "x", scopes: ["read"] },
    });
    expect(key.status()).toBe(403);
    const list = await page.request.post(`${baseUrl}/api/v1/lists`, {
      headers: PORTAL,
      data: { kind: "allow", value: "10.0.0.0/8" },
    });
    expect(list.status()).toBe(403);
    // Reading stays open to a viewer.
    expect((await page.request.get(`${baseUrl}/api/v1/ips/198.51.100.7/verdicts`)).status()).toBe(200);

    const readOnly = await createApiKey({ tenantId, name: "read-only", scopes: ["read"] });
    expect(
      (await post(readOnly.key, "/api/v1/feedback", { ip: "198.51.100.7", verdict: "benign" })).status,
    ).toBe(403);
    expect((await post(readOnly.key, "/api/v1/keys", { name: "y", scopes: ["read"] })).status).toBe(403);
    expect(await listVerdicts({ tenantId })).toEqual([]);
  });

  it("lets an analyst give a verdict, visible in the IP's history, but not manage keys", async () => {
    const page = await sessionAs(analyst);
    const res = await page.request.post(`${baseUrl}/api/v1/feedback`, {
      headers: PORTAL,
      data: { ip: "203.0.113.9", verdict: "benign", note: "our scanner" },
    });
    expect(res.status()).toBe(201);
    const history = await page.request.get(`${baseUrl}/api/v1/ips/203.0.113.9/verdicts`);
    expect(((await history.json()) as { verdicts: { verdict: string; note: string }[] }).verdicts).toEqual([
      expect.objectContaining({ verdict: "benign", note: "our scanner" }),
    ]);
    const key = await page.request.post(`${baseUrl}/api/v1/keys`, {
      headers: PORTAL,
      data: { name: "x", scopes: ["read"] },
    });
    expect(key.status()).toBe(403);
    // A key with the feedback scope may give verdicts too.
    const feedbackKey = await createApiKey({ tenantId, name: "siem", scopes: ["feedback"] });
    expect(
      (await post(feedbackKey.key, "/api/v1/feedback", { ip: "203.0.113.10", verdict: "malicious" })).status,
    ).toBe(201);
  });

  it("lets the owner create, list and revoke a key; the revoked key answers 401; all of it audited", async () => {
    const page = await sessionAs(owner);
    const created = await page.request.post(`${baseUrl}/api/v1/keys`, {
      headers: PORTAL,
      data: { name: "ci", scopes: ["read", "upload"] },
    });
    expect(created.status()).toBe(201);
    const { id, key } = (await created.json()) as { id: string; key: string };
    expect(key).toMatch(/^mlsec_/);
    expect(
      (
        await fetch(`${baseUrl}/api/v1/ips/203.0.113.9/verdicts`, {
          headers: { Authorization: `Bearer ${key}` },
        })
      ).status,
    ).toBe(200);

    const listed = (await (await page.request.get(`${baseUrl}/api/v1/keys`)).json()) as {
      keys: { id: string; lastUsedAt: string | null }[];
    };
    const row = listed.keys.find((k) => k.id === id);
    expect(row?.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain(key);

    expect((await page.request.delete(`${baseUrl}/api/v1/keys/${id}`, { headers: PORTAL })).status()).toBe(
      200,
    );
    expect(await resolveApiKey(key)).toBeNull();
    const after = await fetch(`${baseUrl}/api/v1/ips/203.0.113.9/verdicts`, {
      headers: { Authorization: `Bearer ${key}` },
    });
    expect(after.status).toBe(401);

    const actions = (await listAudit({ tenantId })).map((e) => e.action);
    for (const action of ["sign-in", "verdict", "key.create", "key.revoke"])
      expect(actions).toContain(action);
    const audit = await page.request.get(`${baseUrl}/api/v1/audit?action=key.revoke`);
    expect(audit.status()).toBe(200);
    expect(((await audit.json()) as { events: { target: string }[] }).events.map((e) => e.target)).toEqual([
      id,
    ]);
  });
});
