import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { closeDb, createInvitation, createTenantWithOwner } from "@mlsec/db";
import { launchChromium } from "./browser.ts";
import { uniqueEmail } from "./fixture.ts";
import { signIn } from "./portal.ts";
import { newAccount } from "./seed.ts";

const baseUrl = inject("baseUrl");

/** The organisation and role the header says the session acts as. */
async function actingAs(page: Page) {
  return {
    who: (await page.locator(".topbar .who").textContent()) ?? "",
    organisation: await page.getByLabel("Organisation").inputValue(),
  };
}

describe("members of several organisations", () => {
  let browser: Browser;
  let context: BrowserContext;
  const user = newAccount("multi-org", `E2E Home ${Date.now()}`);
  let homeId = "";
  let otherId = "";
  let strangerOrgId = "";

  beforeAll(async () => {
    browser = await launchChromium();
    context = await browser.newContext();
    homeId = (
      await createTenantWithOwner({ name: user.organisation, email: user.email, password: user.password })
    ).tenantId;
    otherId = (
      await createTenantWithOwner({
        name: `E2E Client ${Date.now()}`,
        email: uniqueEmail("client-owner"),
        password: "client-password-1",
      })
    ).tenantId;
    strangerOrgId = (
      await createTenantWithOwner({
        name: `E2E Stranger ${Date.now()}`,
        email: uniqueEmail("stranger"),
        password: "stranger-password",
      })
    ).tenantId;
  });
  afterAll(async () => {
    await context.close();
    await browser.close();
    await closeDb();
  });

  it("joins a second organisation from an invitation, acts in it, and switches back", async () => {
    const { token } = await createInvitation({ tenantId: otherId, email: user.email, role: "analyst" });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/invite/${encodeURIComponent(token)}`);
    await page.getByLabel("Password").fill(user.password);
    await Promise.all([
      page.waitForURL(`${baseUrl}/`),
      page.getByRole("button", { name: "Accept invitation" }).click(),
    ]);
    // Signed in to the organisation just joined, as its analyst, not to the older home organisation.
    await page.getByLabel("Organisation").waitFor();
    expect(await actingAs(page)).toEqual({ who: `${user.email} (analyst)`, organisation: otherId });
    // An analyst of the client organisation has no admin pages there.
    expect((await page.goto(`${baseUrl}/members`))?.status()).toBe(403);

    await page.goto(`${baseUrl}/`);
    await Promise.all([page.waitForURL(`${baseUrl}/`), page.getByLabel("Organisation").selectOption(homeId)]);
    await page.getByRole("heading", { name: "Uploads" }).waitFor();
    await expect.poll(async () => (await actingAs(page)).who).toBe(`${user.email} (owner)`);
    expect((await actingAs(page)).organisation).toBe(homeId);
    expect((await page.goto(`${baseUrl}/members`))?.status()).toBe(200);
  });

  it("refuses a switch to an organisation the user is not a member of", async () => {
    // A fresh browser session: signed in to the oldest membership (home).
    const fresh = await browser.newContext();
    const page = await fresh.newPage();
    await signIn(page, baseUrl, user);
    const before = await actingAs(page);
    // The same request the switcher makes, with another organisation's id.
    const answer = await page.evaluate(
      async ([orgId]) => {
        const { csrfToken } = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
        const res = await fetch("/api/auth/session", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ csrfToken, data: { tenantId: orgId } }),
        });
        return { status: res.status, body: await res.text() };
      },
      [strangerOrgId],
    );
    // next-auth answers the update with the session, which still names the home organisation.
    expect(answer.status, answer.body).toBe(200);
    expect(answer.body).toContain(homeId);
    expect(answer.body).not.toContain(strangerOrgId);
    await page.reload();
    expect(await actingAs(page)).toEqual(before);
    // And the API still answers with the home organisation's members only.
    const members = await page.evaluate(async () => (await fetch("/api/v1/members")).text());
    expect(members).toContain(user.email);
    expect(members).not.toContain("stranger-");
    await fresh.close();
  });
});
