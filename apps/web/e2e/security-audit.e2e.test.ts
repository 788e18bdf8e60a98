// The security-relevant events of issue 19 land in the tenant's audit log over the real portal:
// key and feed-token changes, a role change, an export and feed pulls (the pulls throttled to one
// row per feed per hour, so three pulls in a row make one). Read back through GET /api/v1/audit.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { acceptInvitation, closeDb, createInvitation, createTenantWithOwner } from "@mlsec/db";
import { launchChromium } from "./browser.ts";
import { uniqueEmail } from "./fixture.ts";
import { signIn } from "./portal.ts";

const baseUrl = inject("baseUrl");

type TEvent = { action: string; actor: string; target: string; detail: Record<string, unknown> };

describe("security events in the tenant's audit log", () => {
  let browser: Browser;
  let cookie = "";
  let apiKey = "";
  let ownerId = "";
  let memberId = "";

  const session = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: { Cookie: cookie, "x-mlsec-portal": "1", "Content-Type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, json: (text ? JSON.parse(text) : null) as Record<string, unknown> };
  };

  beforeAll(async () => {
    const email = uniqueEmail("audit-owner");
    const password = "audit owner password";
    const t = await createTenantWithOwner({ name: "E2E Audit", email, password, withApiKey: true });
    apiKey = t.apiKey ?? "";
    ownerId = t.userId;
    const inv = await createInvitation({
      tenantId: t.tenantId,
      email: uniqueEmail("audit-member"),
      role: "analyst",
    });
    memberId = (await acceptInvitation({ token: inv.token, password: "audit member password" })).userId;
    browser = await launchChromium();
    const context = await browser.newContext();
    await signIn(await context.newPage(), baseUrl, { organisation: "", email, password });
    cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  });
  afterAll(async () => {
    await browser?.close();
    await closeDb();
  });

  it("records key and token changes, a role change, an export and feed pulls", async () => {
    const key = await session("POST", "/keys", { name: "audited", scopes: ["read"] });
    expect(key.status).toBe(201);
    expect((await session("DELETE", `/keys/${String(key.json.id)}`)).status).toBeLessThan(300);
    const feed = await session("POST", "/feeds", { name: "audited", format: "edl" });
    expect(feed.status).toBe(201);
    const feedId = String(feed.json.id);
    const rotated = await session("POST", `/feeds/${feedId}/rotate`);
    expect(rotated.status).toBeLessThan(300);
    const token = String(rotated.json.token);
    expect((await session("PATCH", `/members/${memberId}`, { role: "viewer" })).status).toBe(200);
    const exported = await fetch(`${baseUrl}/api/v1/blocklist?format=csv`, {
      headers: { Authorization: `Bearer ${apiKey}` },
    });
    expect(exported.status).toBe(200);
    await exported.arrayBuffer();
    for (let i = 0; i < 3; i++) {
      const pull = await fetch(`${baseUrl}/api/v1/feeds/${feedId}/edl`, { headers: { "X-Api-Key": token } });
      expect(pull.status).toBe(200);
      await pull.arrayBuffer();
    }
    expect((await session("DELETE", `/feeds/${feedId}`)).status).toBeLessThan(300);

    const audit = await session("GET", "/audit?limit=100");
    expect(audit.status).toBe(200);
    const events = audit.json.events as TEvent[];
    const find = (action: string, target?: string) =>
      events.filter((e) => e.action === action && (target === undefined || e.target === target));
    expect(find("key.create", String(key.json.id))).toHaveLength(1);
    expect(find("key.revoke")).toHaveLength(1);
    expect(find("feed.create", feedId)).toHaveLength(1);
    expect(find("feed.rotate", feedId)).toHaveLength(1);
    expect(find("feed.revoke", feedId)).toHaveLength(1);
    expect(find("member.role", memberId)).toEqual([
      expect.objectContaining({ actor: ownerId, detail: { from: "analyst", to: "viewer" } }),
    ]);
    expect(find("export").length).toBeGreaterThanOrEqual(1);
    const pulls = find("feed.pull", feedId);
    expect(pulls).toHaveLength(1);
    expect(pulls[0]).toMatchObject({ actor: `feed:${feedId}`, detail: { pulls: 1 } });
  });
});
