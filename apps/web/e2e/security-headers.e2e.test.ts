import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium } from "./browser.ts";
import { uniqueEmail } from "./fixture.ts";
import { signUp } from "./portal.ts";

const baseUrl = inject("baseUrl");

describe("security headers", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser.close();
  });

  it("are on pages and API answers alike", async () => {
    for (const path of ["/signin", "/api/v1/blocklist"]) {
      const res = await fetch(`${baseUrl}${path}`);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).not.toContain("unsafe-eval");
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.headers.get("x-frame-options"), path).toBe("DENY");
      expect(res.headers.get("referrer-policy"), path).toBe("strict-origin-when-cross-origin");
    }
  });

  it("let the portal hydrate and work with no policy violation", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    // Signing up needs the hydrated form (it posts through next-auth's client) and lands on a page with charts.
    await signUp(page, baseUrl, {
      organisation: "E2E CSP Org",
      email: uniqueEmail("csp"),
      password: "csp-password-1",
    });
    await page.goto(`${baseUrl}/models`);
    expect(violations).toEqual([]);
    await context.close();
  });
});
