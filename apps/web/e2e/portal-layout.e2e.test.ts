import { fileURLToPath } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { acceptInvitation, closeDb, createInvitation, createTenantWithOwner } from "@mlsec/db";
import { launchChromium } from "./browser.ts";
import { uniqueEmail } from "./fixture.ts";
import { signIn } from "./portal.ts";
import { newAccount } from "./seed.ts";

const baseUrl = inject("baseUrl");
const screenshots = fileURLToPath(new URL("./screenshots/", import.meta.url));

// An owner sees the most links; a second membership adds the organisation switcher, the widest
// header there is. A long organisation name and address are what real tenants have.
const NAV_LINKS = [
  "Uploads",
  "New upload",
  "Models",
  "Feeds",
  "Lists",
  "Members",
  "Keys",
  "Audit",
  "Settings",
  "Community",
];

/** Whether the element lies wholly inside the viewport, as the user sees it (not just in the DOM). */
async function inViewport(page: Page, box: { x: number; y: number; width: number; height: number } | null) {
  const { width, height } = await page.evaluate(() => ({ width: innerWidth, height: innerHeight }));
  return (
    box !== null && box.x >= 0 && box.y >= 0 && box.x + box.width <= width && box.y + box.height <= height
  );
}

describe("portal header at laptop widths", () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const owner = newAccount(
    "layout-owner-with-a-long-address",
    "E2E Layout Regional Security Operations Centre",
  );
  const tenantNames = new Map<string, string>();

  beforeAll(async () => {
    browser = await launchChromium();
    const home = await createTenantWithOwner({
      name: owner.organisation,
      email: owner.email,
      password: owner.password,
    });
    tenantNames.set(home.tenantId, owner.organisation);
    const client = await createTenantWithOwner({
      name: "E2E Layout Managed Client Organisation",
      email: uniqueEmail("layout-client"),
      password: "client-password-1",
    });
    tenantNames.set(client.tenantId, "E2E Layout Managed Client Organisation");
    const { token } = await createInvitation({
      tenantId: client.tenantId,
      email: owner.email,
      role: "admin",
    });
    await acceptInvitation({ token, password: owner.password });
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await browser.close();
    await closeDb();
  });

  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 1024, height: 768 },
  ]) {
    it(`fits ${viewport.width}x${viewport.height}: no overflow, Sign out and every link visible and reachable by keyboard`, async () => {
      const context = await browser.newContext({ viewport });
      contexts.push(context);
      const page = await context.newPage();
      await signIn(page, baseUrl, owner);

      for (const path of ["/", "/feeds", "/keys"]) {
        await page.goto(`${baseUrl}${path}`);
        const header = page.locator("header.topbar");
        await header.waitFor();
        const overflow = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth,
        }));
        expect(overflow.scrollWidth, path).toBeLessThanOrEqual(overflow.innerWidth);
        const headerBox = await header.boundingBox();
        expect((headerBox?.x ?? 0) + (headerBox?.width ?? Infinity), path).toBeLessThanOrEqual(
          viewport.width,
        );

        const signOut = header.getByRole("button", { name: "Sign out" });
        expect(await signOut.isVisible(), path).toBe(true);
        expect(await inViewport(page, await signOut.boundingBox()), `Sign out on ${path}`).toBe(true);
        const nav = header.getByRole("navigation");
        for (const name of NAV_LINKS) {
          const link = nav.getByRole("link", { name, exact: true });
          expect(await link.isVisible(), `${name} on ${path}`).toBe(true);
          expect(await inViewport(page, await link.boundingBox()), `${name} on ${path}`).toBe(true);
        }
        for (const control of [header.getByLabel("Look up an IP"), header.getByLabel("Organisation")]) {
          expect(await inViewport(page, await control.boundingBox()), path).toBe(true);
        }

        // The organisation acted in, by name.
        const acting = await header.getByLabel("Organisation").inputValue();
        const name = header.getByTestId("organisation-name");
        expect(await name.innerText()).toBe(tenantNames.get(acting));
        expect(await inViewport(page, await name.boundingBox()), path).toBe(true);
      }

      // For a look by eye; the directory's contents are not committed.
      await page.screenshot({ path: `${screenshots}header-${viewport.width}.png` });

      // Keyboard: Tab from the top of the page reaches every link and Sign out, in the header.
      await page.goto(`${baseUrl}/`);
      const reached = new Set<string>();
      for (let i = 0; i < 25; i++) {
        await page.keyboard.press("Tab");
        const focused = await page.evaluate(() => {
          const el = document.activeElement;
          return el && el.closest("header") ? (el.textContent ?? "").trim() : null;
        });
        if (focused === null) break;
        reached.add(focused);
      }
      for (const name of [...NAV_LINKS, "Sign out"]) expect(reached, name).toContain(name);
    });
  }
});
