import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  acceptInvitation,
  closeDb,
  createInvitation,
  createTenantWithOwner,
  getDb,
  getMembership,
} from "@mlsec/db";
import { launchChromium } from "./browser.ts";
import { uniqueEmail } from "./fixture.ts";
import { signIn, type TAccount } from "./portal.ts";
import { newAccount } from "./seed.ts";

const baseUrl = inject("baseUrl");
// The header the portal's own scripts send with cookie-authenticated writes (CSRF guard).
const PORTAL = { "x-mlsec-portal": "1" };

/** The reported hole, over HTTP: an admin's invitation must never demote the last owner. */
describe("invitations over the API never change a member's role", () => {
  let browser: Browser;
  let context: BrowserContext;
  const owner = newAccount("inv-owner", "E2E Invitation Roles");
  const admin: TAccount = { ...owner, email: uniqueEmail("inv-admin"), password: "admin-password-1" };
  const outsider = newAccount("inv-outsider", "E2E Invitation Outsider");
  let tenantId = "";
  let ownerId = "";
  let outsiderId = "";

  beforeAll(async () => {
    browser = await launchChromium();
    context = await browser.newContext();
    const created = await createTenantWithOwner({
      name: owner.organisation,
      email: owner.email,
      password: owner.password,
    });
    tenantId = created.tenantId;
    ownerId = created.userId;
    const { token } = await createInvitation({ tenantId, email: admin.email, role: "admin" });
    await acceptInvitation({ token, password: admin.password });
    outsiderId = (
      await createTenantWithOwner({
        name: outsider.organisation,
        email: outsider.email,
        password: outsider.password,
      })
    ).userId;
  });
  afterAll(async () => {
    await context.close();
    await browser.close();
    await closeDb();
  });

  it("answers 409 to an admin inviting the owner, and a token-only accept for an existing account 401", async () => {
    const page = await context.newPage();
    await signIn(page, baseUrl, admin);
    const again = await page.request.post(`${baseUrl}/api/v1/invitations`, {
      headers: PORTAL,
      data: { email: owner.email, role: "viewer" },
    });
    expect(again.status()).toBe(409);
    expect(((await again.json()) as { error: string }).error).toMatch(/already a member/);
    expect((await getMembership(ownerId, tenantId))?.role).toBe("owner");

    // Inviting another organisation's user is allowed, but the token alone does not join them.
    const invite = await page.request.post(`${baseUrl}/api/v1/invitations`, {
      headers: PORTAL,
      data: { email: outsider.email, role: "viewer" },
    });
    expect(invite.status()).toBe(201);
    const { token } = (await invite.json()) as { token: string };
    const anonymous = await fetch(`${baseUrl}/api/v1/invitations/accept`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ token }),
    });
    expect(anonymous.status).toBe(401);
    // The admin's own session is not the outsider's consent.
    const asAdmin = await page.request.post(`${baseUrl}/api/v1/invitations/accept`, {
      headers: PORTAL,
      data: { token },
    });
    expect(asAdmin.status()).toBe(401);
    expect(await getMembership(outsiderId, tenantId)).toBeNull();

    // The outsider, with their own password, joins as invited.
    const consented = await fetch(`${baseUrl}/api/v1/invitations/accept`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ token, password: outsider.password }),
    });
    expect(consented.status).toBe(200);
    expect((await getMembership(outsiderId, tenantId))?.role).toBe("viewer");
    expect(await getDb().membership.count({ where: { tenantId, role: "owner" } })).toBe(1);
  });

  it("answers 413 to an oversized body before authentication, declared or chunked", async () => {
    const big = JSON.stringify({ token: "x".repeat(2 * 1024 * 1024) });
    const declared = await fetch(`${baseUrl}/api/v1/invitations/accept`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: big,
    });
    expect(declared.status).toBe(413);
    // No credentials at all: the size is checked first, so this is 413, not 401.
    const unauthenticated = await fetch(`${baseUrl}/api/v1/lists`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: big,
    });
    expect(unauthenticated.status).toBe(413);
    // Chunked, with no Content-Length to check: stopped while it streams.
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 64) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const chunked = await fetch(`${baseUrl}/api/v1/invitations/accept`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(413);
  });
});
