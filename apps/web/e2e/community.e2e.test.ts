import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  closeDb,
  createTenantWithOwner,
  getCommunitySetting,
  getDb,
  setCommunityContribution,
} from "@mlsec/db";
import { refreshCommunity } from "@mlsec/pipeline";
import { launchChromium } from "./browser.ts";
import { signIn } from "./portal.ts";
import { MS_PER_DAY } from "@mlsec/core/day";
import { newAccount } from "./seed.ts";
import { holdCommunityPool, POOL_WAIT_MS } from "../../../test/community-pool-lock.ts";

// Reads or writes the cross-tenant community pool: takes turns with the others (test/community-pool-lock.ts).
beforeAll(holdCommunityPool, POOL_WAIT_MS);

const baseUrl = inject("baseUrl");

describe("community page: consent toggle and feed quality charts", () => {
  let browser: Browser;
  const owner = newAccount("community-owner", "E2E Community Org");
  let tenantId = "";
  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    browser = await launchChromium();
    tenantId = (
      await createTenantWithOwner({ name: owner.organisation, email: owner.email, password: owner.password })
    ).tenantId;
    // What the 02:00 job does: import the shipped feeds and store the view's summary.
    await refreshCommunity({ asOf: today });
  });
  afterAll(async () => {
    await setCommunityContribution({ tenantId, contribute: false });
    // The pool is global: leave no feed rows behind to give other tests' models community columns.
    await getDb().communityContribution.deleteMany({
      where: { contributorId: { startsWith: "feed:" }, day: { gte: new Date(Date.now() - 2 * MS_PER_DAY) } },
    });
    await browser.close();
    await closeDb();
  });

  it("starts off, switches contribution on and off, and draws the feed charts", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1400 } });
    const page = await context.newPage();
    await signIn(page, baseUrl, owner);
    await page.getByRole("link", { name: "Community" }).click();
    await page.getByRole("heading", { name: "Community intelligence" }).waitFor();
    await expect(page.getByTestId("community-consent-state").innerText()).resolves.toBe("Not contributing");
    expect(await page.getByTestId("community-feeds").innerText()).toMatch(/IPsum[\s\S]*Unlicense/);
    for (const chart of ["chart-novelty", "chart-aging", "chart-uniqueness", "chart-overlap"])
      await page.getByTestId(chart).locator("canvas").waitFor();

    await page.getByRole("button", { name: "Contribute to the community pool" }).click();
    await page.getByText("Contributing to the community pool").waitFor();
    expect((await getCommunitySetting(tenantId)).contribute).toBe(true);

    await page.getByRole("button", { name: /Stop contributing/ }).click();
    await page.getByText("Not contributing").waitFor();
    expect((await getCommunitySetting(tenantId)).contribute).toBe(false);
    await page.screenshot({ path: "apps/web/e2e/screenshots/community.png", fullPage: true });
    await context.close();
  });

  it("answers 401 to the API without credentials", async () => {
    const res = await fetch(`${baseUrl}/api/v1/community`, {
      method: "PATCH",
      body: JSON.stringify({ contribute: true }),
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(401);
  });
});
