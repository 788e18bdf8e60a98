// The README's "Running the platform", followed literally: `npm run dev`, then open
// http://127.0.0.1:3000 and sign up. Unlike the other e2e files this one does not use the harness's
// `next start` (global-platform.ts): it starts the development server itself, because the failure
// it guards against (Next refusing its dev scripts to 127.0.0.1, so the page never hydrated and the
// sign-up form sent the password in a GET) exists only in dev.
import type { Browser, Page, Request } from "playwright-core";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDbEnv } from "@mlsec/config";
import { launchChromium } from "./browser.ts";
import { uniqueEmail } from "./fixture.ts";
import { startReadmeDevServer, type TDevServer } from "./readme-dev-server.ts";

/** The suite's database, and the one infra/dev-db.mjs gives `npm run dev` on the same server. */
const testDbUrl = loadDbEnv().DATABASE_URL;
const devDbUrl = (() => {
  const url = new URL(testDbUrl);
  url.pathname = "/mlsec_dev";
  return url.toString();
})();

async function usersWithEmail(connectionString: string, email: string): Promise<string[]> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const rows = await client.query<{ role: string }>(
      `SELECT m.role FROM "User" u LEFT JOIN "Membership" m ON m."userId" = u.id WHERE u.email = $1`,
      [email],
    );
    return rows.rows.map((r) => r.role);
  } finally {
    await client.end();
  }
}

/** Fills the sign-up form as a person would. */
async function fillSignUp(page: Page, account: { organisation: string; email: string; password: string }) {
  await page.getByLabel("Organisation name").fill(account.organisation);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
}

/** Every URL the page asked for, to show that none of them carried the password. */
function recordRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on("request", (r: Request) => urls.push(r.url()));
  return urls;
}

const carries = (url: string, secret: string): boolean =>
  url.includes(secret) || url.includes(encodeURIComponent(secret));

describe("the README's dev address: npm run dev, then http://127.0.0.1:3000", () => {
  let dev: TDevServer | undefined;
  let browser: Browser;
  const passwords: string[] = [];

  beforeAll(async () => {
    dev = await startReadmeDevServer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await dev?.stop();
  });

  const baseUrl = (): string => {
    if (!dev) throw new Error("the dev server did not start");
    return dev.baseUrl;
  };

  it("without JavaScript, submitting sign-up puts the password in no URL and stores nothing", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const urls = recordRequests(page);
    const account = {
      organisation: `README no-JS ${Date.now()}`,
      email: uniqueEmail("readme-nojs"),
      password: `nojs-password-${Date.now()}`,
    };
    passwords.push(account.password);
    // Dev compiles each route on its first request: the first load can take a while.
    await page.goto(`${baseUrl()}/signup`, { timeout: 120_000 });
    await fillSignUp(page, account);
    await Promise.all([
      page.waitForURL(/[?&]js-required=1/, { timeout: 120_000 }),
      page.getByRole("button", { name: "Create organisation" }).click(),
    ]);

    expect(page.url()).toBe(`${baseUrl()}/signup?js-required=1`);
    await expect(page.getByTestId("js-required").textContent()).resolves.toMatch(/JavaScript is required/);
    expect(urls.some((u) => u.includes("/api/js-required"))).toBe(true);
    expect(urls.filter((u) => carries(u, account.password) || carries(u, account.email))).toEqual([]);
    // The post was thrown away: no account in either database.
    expect(await usersWithEmail(devDbUrl, account.email)).toEqual([]);
    expect(await usersWithEmail(testDbUrl, account.email)).toEqual([]);
    await context.close();
  });

  it("after hydration, signing up lands on the portal home, with the data in mlsec_dev, not test", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const urls = recordRequests(page);
    const account = {
      organisation: `README dev ${Date.now()}`,
      email: uniqueEmail("readme-dev"),
      password: `dev-password-${Date.now()}`,
    };
    passwords.push(account.password);
    await page.goto(`${baseUrl()}/signup`, { timeout: 120_000 });
    // Hydrated once React has attached its props to the form: a click before that would be the
    // native post the previous test covers. Without allowedDevOrigins this never happens at 127.0.0.1.
    await page.waitForFunction(
      () => {
        const form = document.querySelector("form");
        return form !== null && Object.keys(form).some((k) => k.startsWith("__reactProps"));
      },
      undefined,
      { timeout: 120_000 },
    );
    await fillSignUp(page, account);
    await Promise.all([
      page.waitForURL(`${baseUrl()}/`, { timeout: 120_000 }),
      page.getByRole("button", { name: "Create organisation" }).click(),
    ]);
    await page.getByRole("heading", { name: "Uploads" }).waitFor({ timeout: 60_000 });

    expect(urls.filter((u) => carries(u, account.password))).toEqual([]);
    expect(await usersWithEmail(devDbUrl, account.email)).toEqual(["owner"]);
    expect(await usersWithEmail(testDbUrl, account.email)).toEqual([]);
    await context.close();
  });

  it("the dev server's output never shows a password typed into the forms", () => {
    expect(passwords).toHaveLength(2);
    const output = dev?.output() ?? "";
    expect(output).toContain("Ready");
    for (const password of passwords) expect(output).not.toContain(password);
  });
});
