import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { authenticateUser, closeDb, createApiKey } from "@mlsec/db";
import { apiGet, waitForUpload } from "./api.ts";
import { launchChromium } from "./browser.ts";
import { FIXTURE_PATH, fixtureSources } from "./fixture.ts";
import { signIn, signUp } from "./portal.ts";
import { newAccount, seedOrganisation } from "./seed.ts";

const baseUrl = inject("baseUrl");

describe("tenant isolation: another organisation's upload answers 404, in the portal and the API", () => {
  let browser: Browser;
  const owner = newAccount("owner", "E2E Owner Org");
  const other = newAccount("other", "E2E Other Org");
  let ownerKey = "";
  let otherKey = "";
  let uploadId = "";

  beforeAll(async () => {
    browser = await launchChromium();
    const created = await seedOrganisation(owner);
    ownerKey = created.key;
    // Gzipped, as clients upload big logs; the portal test covers the plain file.
    const res = await fetch(`${baseUrl}/api/v1/uploads?filename=ufw-sample.log.gz`, {
      method: "POST",
      headers: { Authorization: `Bearer ${ownerKey}`, "Content-Type": "application/gzip" },
      body: gzipSync(readFileSync(FIXTURE_PATH)),
    });
    expect(res.status).toBe(202);
    uploadId = String(((await res.json()) as { id: unknown }).id);
    const final = await waitForUpload(baseUrl, uploadId, ownerKey);
    expect(final.error).toBeNull();
    expect(final.status).toBe("done");
  });
  afterAll(async () => {
    await browser.close();
    await closeDb();
  });

  it("serves the owner's status and report over the API; 401 without a valid key, 403 without the scope", async () => {
    const status = await apiGet(baseUrl, `/api/v1/uploads/${uploadId}`, ownerKey);
    expect(status.status).toBe(200);
    expect(await status.json()).toMatchObject({ id: uploadId, status: "done", progress: 100, error: null });
    const report = await apiGet(baseUrl, `/api/v1/uploads/${uploadId}/report`, ownerKey);
    expect(report.status).toBe(200);
    const ips = ((await report.json()) as { ips: { ip: string }[] }).ips.map((r) => r.ip);
    expect(new Set(ips)).toEqual(new Set(fixtureSources().keys()));
    expect((await apiGet(baseUrl, `/api/v1/uploads/${uploadId}`)).status).toBe(401);
    expect((await apiGet(baseUrl, `/api/v1/uploads/${uploadId}`, "mlsec_not-a-real-key")).status).toBe(401);

    // A key without the "upload" scope may read but not upload.
    const ownerUser = await authenticateUser(owner.email, owner.password);
    const readOnly = await createApiKey({
      tenantId: ownerUser?.tenantId ?? "",
      name: "read-only",
      scopes: ["read"],
    });
    expect((await apiGet(baseUrl, `/api/v1/uploads/${uploadId}`, readOnly.key)).status).toBe(200);
    const denied = await fetch(`${baseUrl}/api/v1/uploads?filename=x.log`, {
      method: "POST",
      headers: { Authorization: `Bearer ${readOnly.key}` },
      body: "Jan 10 10:00:00 fw kernel: x\n",
    });
    expect(denied.status).toBe(403);
  });

  it("answers 404 to the other organisation's pages and key, but shows them to the owner", async () => {
    const otherContext = await browser.newContext();
    const otherPage = await otherContext.newPage();
    await signUp(otherPage, baseUrl, other);
    for (const path of [`/uploads/${uploadId}`, `/uploads/${uploadId}/report`]) {
      const res = await otherPage.goto(`${baseUrl}${path}`);
      expect(res?.status(), path).toBe(404);
      await otherPage.getByRole("heading", { name: "Not found" }).waitFor();
    }
    await otherContext.close();

    const otherUser = await authenticateUser(other.email, other.password);
    otherKey = (
      await createApiKey({ tenantId: otherUser?.tenantId ?? "", name: "e2e", scopes: ["upload", "read"] })
    ).key;
    for (const path of [`/api/v1/uploads/${uploadId}`, `/api/v1/uploads/${uploadId}/report`]) {
      const res = await apiGet(baseUrl, path, otherKey);
      expect(res.status, path).toBe(404);
      expect(await res.json()).toEqual({ error: "not found" });
    }

    // Positive control: the same pages open for the owner, signed in through the sign-in form.
    const ownerContext = await browser.newContext();
    const ownerPage = await ownerContext.newPage();
    await signIn(ownerPage, baseUrl, owner);
    for (const path of [`/uploads/${uploadId}`, `/uploads/${uploadId}/report`]) {
      const res = await ownerPage.goto(`${baseUrl}${path}`);
      expect(res?.status(), path).toBe(200);
    }
    await ownerPage.getByTestId("ip-table").waitFor();
    // The session cookie alone does not authorise a write: the portal's scripts add their header (CSRF).
    const forged = await ownerPage.request.post(`${baseUrl}/api/v1/uploads?filename=forged.log`, {
      data: "some log line\n",
    });
    expect(forged.status()).toBe(401);
    await ownerContext.close();
  });
});
