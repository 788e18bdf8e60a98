// The data lifecycle doors over the real portal: the whole-tenant export (JSON Lines over HTTP, by
// an "export" key and by the owner's session, audited) and the erase (400 on a wrong name, 403 for an
// admin, the owner's form erases; then the organisation's pages and API refuse, another is whole).
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  acceptInvitation,
  closeDb,
  createApiKey,
  createInvitation,
  createTenantWithOwner,
  listAudit,
  tenantRowCounts,
} from "@mlsec/db";
import { listKeys, tenantPrefix } from "@mlsec/storage";
import { apiGet, waitForUpload } from "./api.ts";
import { launchChromium } from "./browser.ts";
import { recentFixture, uniqueEmail } from "./fixture.ts";
import { signIn, type TAccount } from "./portal.ts";

const baseUrl = inject("baseUrl");
const PORTAL = { "x-mlsec-portal": "1" };

type TOrg = { tenantId: string; owner: TAccount; admin: TAccount; key: string; uploadId: string };

async function org(label: string): Promise<TOrg> {
  const organisation = `E2E Lifecycle ${label} ${Date.now()}`;
  const owner = {
    organisation,
    email: uniqueEmail(`life-owner-${label}`),
    password: `owner-password-${label}`,
  };
  const admin = {
    organisation,
    email: uniqueEmail(`life-admin-${label}`),
    password: `admin-password-${label}`,
  };
  const t = await createTenantWithOwner({ name: organisation, ...owner, withApiKey: true });
  const { token } = await createInvitation({ tenantId: t.tenantId, email: admin.email, role: "admin" });
  await acceptInvitation({ token, password: admin.password });
  const key = t.apiKey ?? "";
  const res = await fetch(`${baseUrl}/api/v1/uploads?filename=ufw-sample.log`, {
    method: "POST",
    headers: { Authorization: `Bearer ${key}` },
    body: recentFixture(),
  });
  expect(res.status).toBe(202);
  const uploadId = String(((await res.json()) as { id: unknown }).id);
  return { tenantId: t.tenantId, owner, admin, key, uploadId };
}

const objectsOf = async (tenantId: string): Promise<string[]> => {
  const keys: string[] = [];
  for await (const page of listKeys(tenantPrefix(tenantId))) keys.push(...page);
  return keys;
};

/** The export's lines, each parsed: a line that is not a JSON object fails the test. */
function jsonLines(text: string): { table: string; row: Record<string, unknown> }[] {
  expect(text.endsWith("\n")).toBe(true);
  return text
    .slice(0, -1)
    .split("\n")
    .map((line) => JSON.parse(line) as { table: string; row: Record<string, unknown> });
}

describe("tenant export and erase", () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let a: TOrg;
  let b: TOrg;

  async function sessionAs(account: TAccount): Promise<Page> {
    const context = await browser.newContext({ acceptDownloads: true });
    contexts.push(context);
    const page = await context.newPage();
    await signIn(page, baseUrl, account);
    return page;
  }

  beforeAll(async () => {
    browser = await launchChromium();
    a = await org("a");
    b = await org("b");
    expect((await waitForUpload(baseUrl, a.uploadId, a.key)).status).toBe("done");
    expect((await waitForUpload(baseUrl, b.uploadId, b.key)).status).toBe("done");
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await browser?.close();
    await closeDb();
  });

  it("exports the tenant as JSON Lines to an export key and to the owner's session, audited", async () => {
    const exportKey = (await createApiKey({ tenantId: a.tenantId, name: "backup", scopes: ["export"] })).key;
    const res = await apiGet(baseUrl, "/api/v1/tenant/export", exportKey);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/x-ndjson/);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="mlsec-.+\.jsonl"$/);
    const lines = jsonLines(await res.text());
    expect(lines[0]).toMatchObject({ table: "Tenant", row: { id: a.tenantId } });
    const uploads = lines.filter((l) => l.table === "Upload");
    expect(uploads.map((l) => l.row.id)).toEqual([a.uploadId]);
    expect(uploads[0]?.row).toMatchObject({ status: "done", filename: "ufw-sample.log" });
    expect(lines.some((l) => l.table === "IpDayRollup")).toBe(true);
    expect(lines.some((l) => l.table === "Report" && l.row.uploadId === a.uploadId)).toBe(true);
    // Nothing of the other tenant, no secrets.
    expect(lines.every((l) => l.row.tenantId === undefined || l.row.tenantId === a.tenantId)).toBe(true);
    expect(lines.some((l) => "passwordHash" in l.row || "hash" in l.row)).toBe(false);
    console.log(
      `[tenant-export] ${lines.length} lines, tables: ${[...new Set(lines.map((l) => l.table))].join(",")}`,
    );

    // The default key (upload, read, feedback) may not export the whole tenant.
    expect((await apiGet(baseUrl, "/api/v1/tenant/export", a.key)).status).toBe(403);

    // The owner's settings page links it; the download through the session holds the same upload.
    const page = await sessionAs(a.owner);
    await page.goto(`${baseUrl}/settings`);
    await page.getByRole("heading", { name: "Data" }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("tenant-export").click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^mlsec-.+\.jsonl$/);
    const viaSession = await page.request.get(`${baseUrl}/api/v1/tenant/export`);
    expect(viaSession.status()).toBe(200);
    expect(
      jsonLines(await viaSession.text()).some((l) => l.table === "Upload" && l.row.id === a.uploadId),
    ).toBe(true);

    const audit = await listAudit({ tenantId: a.tenantId, action: "export" });
    expect(audit.filter((e) => e.target === "tenant").length).toBeGreaterThanOrEqual(3);
  });

  it("sets retention from the settings page, refusing fewer than 90 days", async () => {
    const page = await sessionAs(a.admin);
    const tooShort = await page.request.patch(`${baseUrl}/api/v1/settings`, {
      headers: PORTAL,
      data: { retention: { days: 7 } },
    });
    expect(tooShort.status()).toBe(400);
    expect(await tooShort.text()).toMatch(/at least 90 days/);
    await page.goto(`${baseUrl}/settings`);
    const form = page.getByTestId("settings-retention");
    await form.getByLabel(/Keep days/).fill("120");
    await form.getByRole("button", { name: "Save" }).click();
    await form.getByText("Saved.").waitFor();
    const view = (await (await page.request.get(`${baseUrl}/api/v1/settings`)).json()) as {
      retention: { days: number | null };
    };
    expect(view.retention.days).toBe(120);
    // An admin sees no erase form: only owners erase.
    expect(await page.getByTestId("settings-erase").count()).toBe(0);
  });

  it("refuses a wrong name (400) and an admin (403), then erases for the owner; A refuses, B is whole", async () => {
    const admin = await sessionAs(a.admin);
    const asAdmin = await admin.request.delete(`${baseUrl}/api/v1/tenant`, {
      headers: PORTAL,
      data: { confirm: a.owner.organisation },
    });
    expect(asAdmin.status()).toBe(403);
    // A key can never erase ("manage" is not a key scope).
    const withKey = await fetch(`${baseUrl}/api/v1/tenant`, {
      method: "DELETE",
      headers: { Authorization: `Bearer ${a.key}`, "Content-Type": "application/json" },
      body: JSON.stringify({ confirm: a.owner.organisation }),
    });
    expect(withKey.status).toBe(403);

    const owner = await sessionAs(a.owner);
    const wrong = await owner.request.delete(`${baseUrl}/api/v1/tenant`, {
      headers: PORTAL,
      data: { confirm: `${a.owner.organisation} ` },
    });
    expect(wrong.status()).toBe(400);
    expect(await wrong.text()).toMatch(/does not match/);
    const empty = await owner.request.delete(`${baseUrl}/api/v1/tenant`, { headers: PORTAL, data: {} });
    expect(empty.status()).toBe(400);
    expect((await tenantRowCounts(a.tenantId)).Upload).toBe(1);

    await owner.goto(`${baseUrl}/settings`);
    const form = owner.getByTestId("settings-erase");
    await form.getByRole("textbox").fill("not the name");
    await form.getByRole("button", { name: "Erase organisation" }).click();
    await form.getByText(/does not match/).waitFor();
    await form.getByRole("textbox").fill(a.owner.organisation);
    await Promise.all([
      owner.waitForURL(`${baseUrl}/signin`),
      form.getByRole("button", { name: "Erase organisation" }).click(),
    ]);

    // Nothing of A is left: no row in any tenant table, no object under its prefix.
    const rows = await tenantRowCounts(a.tenantId);
    expect(Object.entries(rows).filter(([, n]) => n > 0)).toEqual([]);
    expect(await objectsOf(a.tenantId)).toEqual([]);
    // A's pages, its sessions and its key refuse.
    await owner.goto(`${baseUrl}/settings`);
    expect(new URL(owner.url()).pathname).toBe("/signin");
    expect((await admin.request.get(`${baseUrl}/api/v1/settings`)).status()).toBe(401);
    await admin.goto(`${baseUrl}/`);
    expect(new URL(admin.url()).pathname).toBe("/signin");
    expect((await apiGet(baseUrl, "/api/v1/listed", a.key)).status).toBe(401);
    expect((await apiGet(baseUrl, `/api/v1/uploads/${a.uploadId}`, a.key)).status).toBe(401);
    // Its owner's account went with it (they belonged to no other organisation): sign-in fails.
    await owner.goto(`${baseUrl}/signin`);
    await owner.getByLabel("Email").fill(a.owner.email);
    await owner.getByLabel("Password").fill(a.owner.password);
    await owner.getByRole("button", { name: "Sign in" }).click();
    await owner.getByRole("alert").waitFor();
    expect(new URL(owner.url()).pathname).toBe("/signin");

    // B: its upload, report and objects are all still there.
    const bUpload = await apiGet(baseUrl, `/api/v1/uploads/${b.uploadId}`, b.key);
    expect(bUpload.status).toBe(200);
    expect((await apiGet(baseUrl, `/api/v1/uploads/${b.uploadId}/report`, b.key)).status).toBe(200);
    expect((await tenantRowCounts(b.tenantId)).Upload).toBe(1);
    expect((await objectsOf(b.tenantId)).length).toBeGreaterThan(1);
  });
});
