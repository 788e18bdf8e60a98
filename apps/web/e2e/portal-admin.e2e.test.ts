import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  closeDb,
  createTenantWithOwner,
  getDb,
  getMembership,
  getTenant,
  listAudit,
  listListEntries,
} from "@mlsec/db";
import { createSmtpSink } from "@mlsec/pipeline/test/smtp-sink";
import { launchChromium } from "./browser.ts";
import { uniqueEmail } from "./fixture.ts";
import { signIn } from "./portal.ts";
import { newAccount } from "./seed.ts";

const baseUrl = inject("baseUrl");

// The platform's worker mails through SMTP_URL=smtp://127.0.0.1:<smtpPort> (global-platform.ts):
// this test is that mail server.
const smtp = createSmtpSink();

const withKey = (key: string) => ({ headers: { Authorization: `Bearer ${key}` } });

describe("portal admin pages: keys, lists, members and invitations by email, audit", () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const owner = newAccount("admin-owner", "E2E Admin Org");
  let tenantId = "";
  let page: Page;

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const p = await context.newPage();
    // Revoke and remove ask for confirmation.
    p.on("dialog", (d) => void d.accept());
    return p;
  }

  beforeAll(async () => {
    await smtp.listen(inject("smtpPort"));
    browser = await launchChromium();
    tenantId = (
      await createTenantWithOwner({ name: owner.organisation, email: owner.email, password: owner.password })
    ).tenantId;
    page = await newPage();
    await signIn(page, baseUrl, owner);
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await browser.close();
    await smtp.close();
    await closeDb();
  });

  it("creates a key shown once, lists its last use, revokes it, and the key then answers 401", async () => {
    await page.goto(`${baseUrl}/keys`);
    await page.getByLabel("Name").fill("siem-e2e");
    await page.getByRole("checkbox", { name: /^feedback/ }).check();
    await page.getByRole("button", { name: "Create key" }).click();
    const key = (await page.getByTestId("new-key-value").innerText()).trim();
    expect(key).toMatch(/^mlsec_/);
    const probe = `${baseUrl}/api/v1/ips/198.51.100.20/verdicts`;
    expect((await fetch(probe, withKey(key))).status).toBe(200);

    // Shown once: after a reload only the prefix is on the page, with the key's last use.
    await page.reload();
    expect(await page.getByTestId("new-key").count()).toBe(0);
    expect(await page.content()).not.toContain(key);
    const row = page.locator("[data-testid=key-table] tbody tr", { hasText: "siem-e2e" });
    const cells = await row.locator("td").allInnerTexts();
    expect(cells[1]).toBe(`${key.slice(0, 12)}…`);
    expect(cells[2]).toBe("read, feedback");
    expect(cells[4]).not.toBe("never");
    expect(cells[5]).toBe("active");

    await row.getByRole("button", { name: "Revoke" }).click();
    await expect.poll(() => row.locator("td").nth(5).innerText()).toMatch(/^revoked /);
    const after = await fetch(probe, withKey(key));
    expect(after.status).toBe(401);
  });

  it("adds and removes an allow/block entry from the lists page", async () => {
    await page.goto(`${baseUrl}/lists`);
    await page.locator("select[name=kind]").selectOption("block");
    await page.getByLabel("IP, CIDR or AS").fill("AS64500");
    await page.getByLabel("Reason").fill("bulletproof hoster");
    await page.getByLabel("Expires (optional)").fill("2099-12-31");
    await page.getByRole("button", { name: "Add entry" }).click();
    const row = page.locator("[data-testid=list-table] tbody tr", { hasText: "AS64500" });
    await row.waitFor();
    expect(await row.locator("td").nth(2).innerText()).toBe("bulletproof hoster");
    const [entry] = await listListEntries(tenantId);
    expect(entry).toMatchObject({ kind: "block", value: "AS64500", reason: "bulletproof hoster" });
    expect(entry?.expiresAt?.toISOString()).toBe("2099-12-31T23:59:59.000Z");

    // A bad value is refused by the API and the reason shown.
    await page.getByLabel("IP, CIDR or AS").fill("not-an-address");
    await page.getByRole("button", { name: "Add entry" }).click();
    await page.getByRole("alert").getByText("invalid list entry").waitFor();

    await row.getByRole("button", { name: "Remove" }).click();
    await expect.poll(() => row.count()).toBe(0);
    expect(await listListEntries(tenantId)).toEqual([]);
  });

  it("invites by email; the emailed link signs the new member up into the organisation", async () => {
    const invitee = uniqueEmail("admin-invitee");
    await page.goto(`${baseUrl}/members`);
    await page.getByLabel("Email").fill(invitee);
    await page.locator("select[name=role]").selectOption("analyst");
    await page.getByRole("button", { name: "Send invitation" }).click();
    await page.getByTestId("invitation-sent").waitFor();
    await page.getByTestId("invitation-table").getByText(invitee).waitFor();

    const text = await smtp.mailTo(invitee);
    expect(text).toContain(owner.organisation);
    // Quoted-printable may wrap long lines with a trailing "=".
    const link = /(http:\/\/127\.0\.0\.1:\d+\/invite\/[A-Za-z0-9_%-]+)/.exec(
      text.replace(/=\r?\n/g, ""),
    )?.[1];
    expect(link, text).toBeDefined();
    expect(link?.startsWith(`${baseUrl}/invite/`)).toBe(true);

    const guest = await newPage();
    await guest.goto(link ?? "");
    await guest.getByRole("heading", { name: `Join ${owner.organisation}` }).waitFor();
    await guest.getByLabel("Your name (optional)").fill("New Analyst");
    await guest.getByLabel(/^Choose a password/).fill("invitee-password-1");
    await Promise.all([
      guest.waitForURL(`${baseUrl}/`),
      guest.getByRole("button", { name: "Accept invitation" }).click(),
    ]);
    await guest.getByRole("heading", { name: "Uploads" }).waitFor();
    expect(await guest.locator("header .who").innerText()).toBe(`${invitee} (analyst)`);
    // The link works once.
    await guest.goto(link ?? "");
    await guest.getByTestId("invitation-invalid").waitFor();

    // The owner sees the member, changes the role, then removes them; the member's session loses access.
    await page.goto(`${baseUrl}/members`);
    const row = page.locator(`[data-testid=member-table] tbody tr[data-email="${invitee}"]`);
    const userId = (await getDb().user.findUniqueOrThrow({ where: { email: invitee } })).id;
    await row.getByLabel(`Role of ${invitee}`).selectOption("viewer");
    await expect.poll(async () => (await getMembership(userId, tenantId))?.role).toBe("viewer");
    await row.getByRole("button", { name: "Remove" }).click();
    await expect.poll(() => row.count()).toBe(0);
    expect(await getMembership(userId, tenantId)).toBeNull();
    await guest.goto(`${baseUrl}/`);
    await guest.waitForURL(`${baseUrl}/signin`);

    // A mistyped invitation is withdrawn from the page; its link stops working.
    const typo = uniqueEmail("admin-typo");
    await page.getByLabel("Email").fill(typo);
    await page.getByRole("button", { name: "Send invitation" }).click();
    const typoLink = await page.getByTestId("invitation-sent").locator("code").innerText();
    const pending = page.locator("[data-testid=invitation-table] tbody tr", { hasText: typo });
    await pending.getByRole("button", { name: "Withdraw" }).click();
    await expect.poll(() => pending.count()).toBe(0);
    await guest.goto(typoLink);
    await guest.getByTestId("invitation-invalid").waitFor();

    // The last owner can be neither demoted nor removed: the page shows the API's refusal.
    const me = page.locator(`[data-testid=member-table] tbody tr[data-email="${owner.email}"]`);
    await me.getByLabel(`Role of ${owner.email}`).selectOption("admin");
    await me.getByRole("alert").getByText("the last owner cannot be demoted").waitFor();
  });

  it("sets triage thresholds, notifications and behaviour rules on the settings page", async () => {
    await page.goto(`${baseUrl}/settings`);
    const triage = page.getByTestId("settings-triage");
    await triage.getByLabel("Block at or above").fill("0.8");
    await triage.getByLabel("Review at or above").fill("0.4");
    await triage.getByRole("button", { name: "Save" }).click();
    await triage.getByRole("status").getByText("Saved.").waitFor();
    // Review above block is refused with the API's reason.
    await triage.getByLabel("Review at or above").fill("0.95");
    await triage.getByRole("button", { name: "Save" }).click();
    await triage
      .getByRole("status")
      .getByText(/review must not be above block/)
      .waitFor();

    const notify = page.getByTestId("settings-notifications");
    await notify.getByLabel("Webhook URL").fill("https://siem.example/hook");
    await notify.getByRole("button", { name: "Save" }).click();
    await notify.getByRole("status").getByText("a webhook needs a secret to sign with").waitFor();
    await notify.getByLabel(/^Webhook secret/).fill("whsec-e2e-secret");
    await notify.getByLabel("Email").fill("soc@e2e.example.com");
    await notify.getByRole("button", { name: "Save" }).click();
    await notify.getByRole("status").getByText("Saved.").waitFor();

    const rules = page.getByTestId("settings-rules");
    const custom = [{ name: "rdp", kind: "watched-ports", ports: [3389] }];
    await rules.getByLabel("Rules (JSON)").fill(JSON.stringify(custom));
    await rules.getByRole("button", { name: "Save" }).click();
    await rules.getByRole("status").getByText("Saved.").waitFor();

    const tenant = await getTenant(tenantId);
    expect(tenant).toMatchObject({
      triageBlock: 0.8,
      triageReview: 0.4,
      webhookUrl: "https://siem.example/hook",
      webhookSecret: "whsec-e2e-secret",
      notifyEmail: "soc@e2e.example.com",
      clusterRules: custom,
    });
    // The secret is never sent back to the page.
    await page.reload();
    expect(await page.content()).not.toContain("whsec-e2e-secret");
    expect(await page.getByTestId("settings-triage").getByLabel("Block at or above").inputValue()).toBe(
      "0.8",
    );
  });

  it("lists what was done on the audit page", async () => {
    await page.goto(`${baseUrl}/audit`);
    const actions = await page.locator("[data-testid=audit-table] tbody tr td:nth-child(3)").allInnerTexts();
    for (const action of [
      "sign-in",
      "key.create",
      "key.revoke",
      "list.add",
      "list.remove",
      "member.invite",
      "member.join",
      "member.role",
      "member.remove",
      "member.uninvite",
      "settings.update",
    ])
      expect(actions).toContain(action);
    expect(actions.length).toBe((await listAudit({ tenantId })).length);
    await page.locator("select[name=action]").selectOption("key.revoke");
    await Promise.all([
      page.waitForURL(/action=key\.revoke/),
      page.getByRole("button", { name: "Filter" }).click(),
    ]);
    expect(await page.locator("[data-testid=audit-table] tbody tr td:nth-child(3)").allInnerTexts()).toEqual([
      "key.revoke",
    ]);
  });
});
