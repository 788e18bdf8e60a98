import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { closeDb, createTenantWithOwner } from "@mlsec/db";
import { apiGet } from "./api.ts";
import { launchChromium } from "./browser.ts";
import { recentFixture, uniqueEmail } from "./fixture.ts";
import { signIn } from "./portal.ts";
import { MS_PER_DAY } from "@mlsec/core/day";
import { newAccount, uploadAndWait } from "./seed.ts";

const baseUrl = inject("baseUrl");

type TWhy = {
  ip: string;
  listing: { uploadId: string; reportId: string; model: { version: number } | null; score: number } | null;
  blocklist: { listed: boolean; notListed: { code: string; entryId?: string; expiresAt?: string | null }[] };
  listEntries: { id: string; kind: string; verdictId: string | null; decides: boolean }[];
  verdicts: { id: string; verdict: string; by: { name: string | null } }[];
};

const listedAddresses = async (key: string) =>
  (await (await apiGet(baseUrl, "/api/v1/blocklist?format=txt", key)).text())
    .split("\n")
    .filter((l) => l !== "" && !l.startsWith("#"));

describe("GET /api/v1/ips/:ip/why and the IP page's Why listed", () => {
  let browser: Browser;
  const owner = newAccount("why", "E2E Provenance Org");
  let ownerKey = "";
  let otherKey = "";
  let uploadId = "";

  beforeAll(async () => {
    browser = await launchChromium();
    ownerKey =
      (
        await createTenantWithOwner({
          name: owner.organisation,
          email: owner.email,
          password: owner.password,
          withApiKey: true,
        })
      ).apiKey ?? "";
    otherKey =
      (
        await createTenantWithOwner({
          name: "E2E Provenance Other Org",
          email: uniqueEmail("why-other"),
          password: "provenance-password-2",
          withApiKey: true,
        })
      ).apiKey ?? "";
    // This week's days: only evidence that has not decayed yet is listed.
    uploadId = await uploadAndWait(baseUrl, ownerKey, recentFixture());
  });
  afterAll(async () => {
    await browser.close();
    await closeDb();
  });

  it("explains a listed address, answers 404 to another tenant, and follows a false-positive verdict", async () => {
    const [ip = ""] = await listedAddresses(ownerKey);
    expect(ip).not.toBe("");
    const res = await apiGet(baseUrl, `/api/v1/ips/${encodeURIComponent(ip)}/why`, ownerKey);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const why = (await res.json()) as TWhy;
    expect(why.ip).toBe(ip);
    expect(why.listing?.uploadId).toBe(uploadId);
    expect(why.blocklist).toMatchObject({ listed: true, notListed: [] });

    // Another tenant never saw it: 404, the same as text that is no address; no key: 401.
    expect((await apiGet(baseUrl, `/api/v1/ips/${encodeURIComponent(ip)}/why`, otherKey)).status).toBe(404);
    expect((await apiGet(baseUrl, "/api/v1/ips/not-an-ip/why", ownerKey)).status).toBe(404);
    expect((await apiGet(baseUrl, `/api/v1/ips/${encodeURIComponent(ip)}/why`)).status).toBe(401);

    // A false positive: the answer names the allow entry, the blocklist drops the address.
    const given = await fetch(`${baseUrl}/api/v1/feedback`, {
      method: "POST",
      headers: { Authorization: `Bearer ${ownerKey}`, "Content-Type": "application/json" },
      body: JSON.stringify({
        ip,
        verdict: "benign",
        note: "our uptime monitor",
        reportId: why.listing?.reportId,
      }),
    });
    expect(given.status).toBe(201);
    const verdict = (await given.json()) as {
      id: string;
      allowListed: { id: string; expiresAt: string } | null;
    };
    expect(verdict.allowListed).not.toBeNull();
    expect(Date.parse(verdict.allowListed?.expiresAt ?? "")).toBeGreaterThan(Date.now() + 29 * MS_PER_DAY);
    expect(await listedAddresses(ownerKey)).not.toContain(ip);
    const after = (await (
      await apiGet(baseUrl, `/api/v1/ips/${encodeURIComponent(ip)}/why`, ownerKey)
    ).json()) as TWhy;
    expect(after.blocklist.listed).toBe(false);
    expect(after.blocklist.notListed).toContainEqual(
      expect.objectContaining({ code: "allow-listed", entryId: verdict.allowListed?.id }),
    );
    expect(after.listEntries).toEqual([
      expect.objectContaining({
        id: verdict.allowListed?.id,
        kind: "allow",
        verdictId: verdict.id,
        decides: true,
      }),
    ]);
    expect(after.verdicts.map((v) => [v.id, v.verdict])).toEqual([[verdict.id, "benign"]]);

    // The portal's IP page says the same under "Why listed".
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      await signIn(page, baseUrl, owner);
      await page.goto(`${baseUrl}/ips/${encodeURIComponent(ip)}`);
      const status = await page.getByTestId("why-listed-status").textContent();
      expect(status).toMatch(/^Not on your blocklist: on the allow list: false positive \(verdict /);
    } finally {
      await context.close();
    }
  });
});
