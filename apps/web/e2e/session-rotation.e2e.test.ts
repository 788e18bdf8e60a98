// Session rotation over the real portal: sign-in replaces whatever session cookie the browser had
// (a planted one included, so a session cannot be fixed in advance), and a role change ends the
// member's older sessions at their next request while the one who changed it keeps theirs.
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { acceptInvitation, closeDb, createInvitation, createTenantWithOwner } from "@mlsec/db";
import { launchChromium } from "./browser.ts";
import { signIn } from "./portal.ts";
import { newAccount } from "./seed.ts";

const baseUrl = inject("baseUrl");
const SESSION_COOKIE = /session-token$/;

async function sessionCookie(context: BrowserContext): Promise<string> {
  return (await context.cookies()).find((c) => SESSION_COOKIE.test(c.name))?.value ?? "";
}

/** An API call with the context's cookies, as the portal's own scripts make it. */
async function api(context: BrowserContext, method: string, path: string, body?: unknown): Promise<number> {
  const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const res = await fetch(`${baseUrl}/api/v1${path}`, {
    method,
    redirect: "manual",
    headers: { Cookie: cookie, "x-mlsec-portal": "1", "Content-Type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  await res.arrayBuffer();
  return res.status;
}

describe("session rotation", () => {
  let browser: Browser;
  const owner = newAccount("rotate-owner", "");
  const member = newAccount("rotate-member", "");
  let memberId = "";

  beforeAll(async () => {
    const t = await createTenantWithOwner({
      name: "E2E Rotation",
      email: owner.email,
      password: owner.password,
    });
    const inv = await createInvitation({ tenantId: t.tenantId, email: member.email, role: "analyst" });
    memberId = (await acceptInvitation({ token: inv.token, password: member.password })).userId;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await closeDb();
  });

  it("sign-in issues a fresh session, replacing a planted cookie; each sign-in its own", async () => {
    const host = new URL(baseUrl).hostname;
    const tokens: string[] = [];
    for (let i = 0; i < 2; i++) {
      const context = await browser.newContext();
      await context.addCookies([
        { name: "next-auth.session-token", value: "planted-by-attacker", domain: host, path: "/" },
      ]);
      // The planted cookie is no session.
      expect(await api(context, "GET", "/lists")).toBe(401);
      await signIn(await context.newPage(), baseUrl, member);
      const token = await sessionCookie(context);
      expect(token).not.toBe("");
      expect(token).not.toBe("planted-by-attacker");
      expect(await api(context, "GET", "/lists")).toBe(200);
      tokens.push(token);
      await context.close();
    }
    expect(tokens[0]).not.toBe(tokens[1]);
  });

  it("a role change signs the member's older sessions out; signing in again gives the new role", async () => {
    const ownerContext = await browser.newContext();
    await signIn(await ownerContext.newPage(), baseUrl, owner);
    const memberContext = await browser.newContext();
    const memberPage = await memberContext.newPage();
    await signIn(memberPage, baseUrl, member);
    // As an analyst the member may add list entries.
    expect(await api(memberContext, "POST", "/lists", { kind: "allow", value: "192.0.2.50" })).toBe(201);

    expect(await api(ownerContext, "PATCH", `/members/${memberId}`, { role: "viewer" })).toBe(200);

    // The member's session from before the change is over, for the API and for pages.
    expect(await api(memberContext, "GET", "/lists")).toBe(401);
    await memberPage.goto(`${baseUrl}/lists`);
    expect(new URL(memberPage.url()).pathname).toBe("/signin");
    // The owner's session is untouched.
    expect(await api(ownerContext, "GET", "/lists")).toBe(200);

    await signIn(memberPage, baseUrl, member);
    expect(await api(memberContext, "GET", "/lists")).toBe(200);
    expect(await api(memberContext, "POST", "/lists", { kind: "allow", value: "192.0.2.51" })).toBe(403);
    await Promise.all([ownerContext.close(), memberContext.close()]);
  });
});
