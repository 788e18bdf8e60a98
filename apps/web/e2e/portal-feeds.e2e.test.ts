import { fileURLToPath } from "node:url";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { acceptInvitation, closeDb, createInvitation, createTenantWithOwner } from "@mlsec/db";
import { launchChromium } from "./browser.ts";
import { signIn, type TAccount } from "./portal.ts";
import { newAccount } from "./seed.ts";

const baseUrl = inject("baseUrl");
const screenshots = fileURLToPath(new URL("./screenshots/", import.meta.url));
// The header the portal's own scripts send with cookie-authenticated writes (CSRF guard).
const PORTAL = { "x-mlsec-portal": "1" };

/** One pull of an EDL the way a firewall configured with the token URL pulls it. */
const pullStatus = async (url: string, token: string) => {
  const res = await fetch(`${url}?token=${encodeURIComponent(token)}`);
  await res.arrayBuffer();
  return res.status;
};

describe("portal feeds page: create with the token shown once, pulls, rotate, revoke; viewers read", () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const owner = newAccount("feeds-owner", "E2E Portal Feeds Org");
  const viewer = newAccount("feeds-viewer", owner.organisation);
  let page: Page;

  async function sessionAs(account: TAccount): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const p = await context.newPage();
    // Rotate and revoke ask for confirmation.
    p.on("dialog", (d) => void d.accept());
    await signIn(p, baseUrl, account);
    return p;
  }

  const card = (p: Page, name: string): Locator => p.locator("[data-testid=feed]", { hasText: name });

  async function createInBrowser(name: string, format: string): Promise<{ token: string; config: string }> {
    await page.goto(`${baseUrl}/feeds`);
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByLabel("Format").selectOption(format);
    await page.getByRole("button", { name: "Create feed" }).click();
    const secret = page.getByTestId("create-feed-form").locator("..").getByTestId("feed-secret");
    const token = (await secret.getByTestId("feed-token-value").innerText()).trim();
    const config = (await secret.getByTestId("feed-config").allInnerTexts()).join("\n");
    return { token, config };
  }

  beforeAll(async () => {
    browser = await launchChromium();
    const { tenantId } = await createTenantWithOwner({
      name: owner.organisation,
      email: owner.email,
      password: owner.password,
    });
    const { token } = await createInvitation({ tenantId, email: viewer.email, role: "viewer" });
    await acceptInvitation({ token, password: viewer.password });
    page = await sessionAs(owner);
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await browser.close();
    await closeDb();
  });

  it("creates an EDL feed whose token is shown once and works; pulls are counted; rotate and revoke", async () => {
    const { token, config } = await createInBrowser("edge-edl", "edl");
    expect(token).toMatch(/^mlfeed_/);
    await page.getByText("it is shown only this once and cannot be shown again").waitFor();
    const row = card(page, "edge-edl");
    const url = (await row.getByTestId("feed-url").innerText()).trim();
    expect(url).toMatch(new RegExp(`^${baseUrl}/api/v1/feeds/[^/]+/edl$`));
    // The firewall's configuration, filled in: the token URL, or basic auth with any user name.
    expect(config).toContain(`${url}?token=${token}`);
    expect(config).toContain(`URL: ${url}\nUser name: any\nPassword: ${token}`);
    expect(await row.getByTestId("feed-format").innerText()).toBe("edl");
    expect(await row.getByTestId("feed-filter").innerText()).toBe("score ≥ block threshold; all buckets");
    expect(await row.getByTestId("feed-status").innerText()).toBe("active");
    expect(await row.getByTestId("feed-pulls").innerText()).toBe("0");
    expect(await row.getByTestId("feed-last-pull").innerText()).toBe("never");

    expect(await pullStatus(url, token)).toBe(200);
    // For a look by eye; the directory's contents are not committed.
    await page.screenshot({ path: `${screenshots}feeds-created.png`, fullPage: true });

    // Shown once: after a reload only the prefix is on the page, and the pull is on record.
    await page.reload();
    expect(await page.getByTestId("feed-secret").count()).toBe(0);
    expect(await page.content()).not.toContain(token);
    expect(await row.getByTestId("feed-token-prefix").innerText()).toBe(`${token.slice(0, 14)}…`);
    await expect
      .poll(async () => {
        await page.reload();
        return row.getByTestId("feed-pulls").innerText();
      })
      .toBe("1");
    expect(await row.getByTestId("feed-last-pull").innerText()).toMatch(/ UTC from .+, 0 entries$/);

    // Rotate: a new token, shown once in the feed's panel; the old one answers 401 at once.
    await row.getByRole("button", { name: "Rotate token" }).click();
    const rotated = (await row.getByTestId("feed-token-value").innerText()).trim();
    expect(rotated).toMatch(/^mlfeed_/);
    expect(rotated).not.toBe(token);
    expect((await row.getByTestId("feed-config").allInnerTexts()).join("\n")).toContain(
      `${url}?token=${rotated}`,
    );
    expect(await pullStatus(url, token)).toBe(401);
    expect(await pullStatus(url, rotated)).toBe(200);
    await expect
      .poll(() => row.getByTestId("feed-token-prefix").innerText())
      .toBe(`${rotated.slice(0, 14)}…`);

    // Revoke: marked revoked, the buttons gone, and the current token answers 401.
    await row.getByRole("button", { name: "Revoke" }).click();
    await expect.poll(() => row.getByTestId("feed-status").innerText()).toMatch(/^revoked .* UTC$/);
    expect(await row.getByRole("button", { name: "Rotate token" }).count()).toBe(0);
    expect(await row.getByRole("button", { name: "Revoke" }).count()).toBe(0);
    expect(await pullStatus(url, rotated)).toBe(401);
  });

  it("shows each consumer's configuration: CrowdSec bouncer, TAXII, MISP; the CrowdSec one works", async () => {
    const crowdsec = await createInBrowser("bouncer", "crowdsec");
    const apiUrl = (await card(page, "bouncer").getByTestId("feed-url").innerText()).trim();
    expect(apiUrl).toMatch(new RegExp(`^${baseUrl}/api/v1/feeds/[^/]+/crowdsec/$`));
    expect(crowdsec.config).toContain(`api_url: ${apiUrl}\napi_key: ${crowdsec.token}`);
    expect(crowdsec.config).not.toContain("undefined");
    // What the bouncer does with those two lines.
    const stream = await fetch(`${apiUrl}v1/decisions/stream?startup=true`, {
      headers: { "X-Api-Key": crowdsec.token },
    });
    expect(stream.status).toBe(200);

    const taxii = await createInBrowser("tip", "taxii");
    expect(taxii.config).toContain(`Discovery URL: ${baseUrl}/api/v1/taxii2/\n`);
    expect(taxii.config).toContain(`User name: any\nPassword: ${taxii.token}`);

    const misp = await createInBrowser("misp", "misp");
    const header = /Authorization: Basic (\S+)/.exec(misp.config)?.[1] ?? "";
    expect(Buffer.from(header, "base64").toString("utf8")).toBe(`mlsec:${misp.token}`);
    const mispUrl = (await card(page, "misp").getByTestId("feed-url").innerText()).trim();
    const manifest = await fetch(`${mispUrl}manifest.json`, {
      headers: { Authorization: `Basic ${header}` },
    });
    expect(manifest.status).toBe(200);
  });

  it("checks the form with the API's schema before sending", async () => {
    await page.goto(`${baseUrl}/feeds`);
    const before = await page.getByTestId("feed").count();
    // Passes the browser's `required` but not the schema's trimmed minimum length.
    await page.getByLabel("Name", { exact: true }).fill("   ");
    await page.getByRole("button", { name: "Create feed" }).click();
    await page
      .getByRole("alert")
      .getByText(/^invalid feed \(name: /)
      .waitFor();
    await page.reload();
    expect(await page.getByTestId("feed").count()).toBe(before);
  });

  it("lets a viewer read the feeds but not create, rotate or revoke them (403)", async () => {
    const p = await sessionAs(viewer);
    await p.getByRole("navigation").getByRole("link", { name: "Feeds", exact: true }).click();
    await p.getByRole("heading", { name: "Feeds", level: 1 }).waitFor();
    expect(await card(p, "edge-edl").getByTestId("feed-status").innerText()).toMatch(/^revoked /);
    expect(await card(p, "bouncer").getByTestId("feed-status").innerText()).toBe("active");
    expect(await p.getByTestId("create-feed-form").count()).toBe(0);
    expect(await p.getByRole("button", { name: "Create feed" }).count()).toBe(0);
    expect(await p.getByRole("button", { name: "Rotate token" }).count()).toBe(0);
    expect(await p.getByRole("button", { name: "Revoke" }).count()).toBe(0);

    const created = await p.request.post(`${baseUrl}/api/v1/feeds`, {
      headers: PORTAL,
      data: { name: "viewer feed", format: "edl" },
    });
    expect(created.status()).toBe(403);
    const id = (await card(p, "bouncer").getAttribute("data-feed-id")) ?? "";
    expect((await p.request.post(`${baseUrl}/api/v1/feeds/${id}/rotate`, { headers: PORTAL })).status()).toBe(
      403,
    );
    expect((await p.request.delete(`${baseUrl}/api/v1/feeds/${id}`, { headers: PORTAL })).status()).toBe(403);
    // Reading stays open to a viewer.
    expect((await p.request.get(`${baseUrl}/api/v1/feeds`)).status()).toBe(200);
  });
});
