// The platform operator's view (issues #19, #20) over the real portal, worker, Redis and Chromium:
// an upload that fails permanently is listed on /operator and retried from a page without
// JavaScript (plain form posts), a stage stuck waiting (its queue paused: no worker takes it) is
// cancelled and its upload fails with a reason its user reads, both land in the tenant's audit log
// as operator:<email>, and nobody but an operator (owner session, API key, revoked operator) gets
// anything but 404 from the page or the API.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { Queue } from "bullmq";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { closeDb, createTenantWithOwner, listAudit } from "@mlsec/db";
import { createConnection, QUEUE_NAMES } from "@mlsec/jobs";
import { signInOverHttp, waitForUpload } from "./api.ts";
import { launchChromium } from "./browser.ts";
import { FIXTURE_PATH, uniqueEmail } from "./fixture.ts";
import { signIn } from "./portal.ts";

const baseUrl = inject("baseUrl");
const queuePrefix = inject("queuePrefix");

type TJobRow = {
  queue: string;
  id: string;
  kind: string;
  attemptsMade: number;
  since: number;
  stage: string;
};

/** The server-side command an operator runs (npm run operator), as a child process on the same database. */
function operatorCommand(...args: string[]): string {
  const run = spawnSync(process.execPath, ["--import", "tsx", "infra/operator.ts", ...args], {
    cwd: new URL("../../..", import.meta.url).pathname,
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`operator ${args.join(" ")}: ${run.stderr}`);
  return run.stdout;
}

async function upload(key: string, filename: string, body: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/uploads?filename=${filename}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${key}` },
    body,
  });
  expect(res.status).toBe(202);
  return String(((await res.json()) as { id: unknown }).id);
}

describe("the platform operator's page", () => {
  let browser: Browser;
  let owner: { tenantId: string; email: string; password: string; key: string; name: string };
  let operator: { email: string; password: string };
  let operatorContext: BrowserContext;
  /** The same session, JavaScript off: the page's buttons must work as plain forms. */
  let noJs: BrowserContext;
  let ownerContext: BrowserContext;
  let operatorCookie = "";
  let ownerCookie = "";

  const jobsApi = async (query = ""): Promise<TJobRow[]> => {
    const res = await fetch(`${baseUrl}/api/v1/operator/jobs${query}`, {
      headers: { Cookie: operatorCookie },
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { jobs: TJobRow[] }).jobs;
  };

  beforeAll(async () => {
    const name = `E2E Operator tenant ${Date.now()}`;
    const ownerEmail = uniqueEmail("op-owner");
    const t = await createTenantWithOwner({
      name,
      email: ownerEmail,
      password: "op-owner-password",
      withApiKey: true,
    });
    owner = {
      tenantId: t.tenantId,
      email: ownerEmail,
      password: "op-owner-password",
      key: t.apiKey ?? "",
      name,
    };
    operator = { email: uniqueEmail("op-operator"), password: "op-operator-password" };
    // The operator is an ordinary account of its own organisation, then granted by the command.
    await createTenantWithOwner({
      name: "E2E Operators",
      email: operator.email,
      password: operator.password,
    });
    expect(operatorCommand("grant", operator.email)).toContain("is a platform operator");
    browser = await launchChromium();
    operatorContext = await browser.newContext();
    const page = await operatorContext.newPage();
    await signIn(page, baseUrl, { organisation: "", ...operator });
    const cookies = await operatorContext.cookies();
    operatorCookie = cookies.map((c) => `${c.name}=${c.value}`).join("; ");
    noJs = await browser.newContext({ javaScriptEnabled: false });
    await noJs.addCookies(cookies);
    ownerContext = await browser.newContext();
    await signIn(await ownerContext.newPage(), baseUrl, {
      organisation: "",
      email: owner.email,
      password: owner.password,
    });
    ownerCookie = (await ownerContext.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  });
  afterAll(async () => {
    await browser?.close();
    await closeDb();
  });

  it("lists a permanently failed ingest with its tenant, upload, stage, attempts and reason, and retries it without JavaScript", async () => {
    const id = await upload(owner.key, "operator-notes.txt", "meeting notes\nnot a firewall log\n");
    expect((await waitForUpload(baseUrl, id, owner.key)).status).toBe("failed");
    const jobId = `ingest-${id}`;
    const page = await noJs.newPage();
    await page.goto(`${baseUrl}/operator`);
    const row = page.locator(`[data-job="ingest/${jobId}"]`);
    await row.waitFor();
    const text = await row.innerText();
    expect(text).toContain(owner.name);
    expect(text).toContain("operator-notes.txt (failed)");
    expect(text).toContain("ingest");
    expect(text).toContain("1 of 5");
    expect(text).toContain("no line could be read");
    const before = (await jobsApi()).find((j) => j.id === jobId);
    expect(before?.kind).toBe("failed");

    await Promise.all([
      page.waitForURL(/\/operator\?done=retried/),
      row.getByRole("button", { name: `Retry ingest job ${jobId}` }).click(),
    ]);
    expect(await page.getByTestId("operator-notice").innerText()).toContain(
      `Job ingest/${jobId} queued again`,
    );
    // The worker really ran it again: the same file fails again, later, with attempts counted afresh.
    const again = await waitForUpload(baseUrl, id, owner.key);
    expect(again.status).toBe("failed");
    let after: TJobRow | undefined;
    for (let i = 0; i < 60 && !(after && after.since > (before?.since ?? 0)); i++) {
      after = (await jobsApi()).find((j) => j.id === jobId);
      if (!(after && after.since > (before?.since ?? 0))) await new Promise((r) => setTimeout(r, 500));
    }
    expect(after?.kind).toBe("failed");
    expect(after?.since).toBeGreaterThan(before?.since ?? 0);
    expect(after?.attemptsMade).toBe(1);

    const audit = await listAudit({ tenantId: owner.tenantId, action: "operator.retry" });
    expect(audit.map((a) => [a.actor, a.target])).toEqual([
      [`operator:${operator.email}`, `ingest/${jobId}`],
    ]);
    // ...and the tenant's owner reads it on the audit page.
    const ownerPage = await ownerContext.newPage();
    await ownerPage.goto(`${baseUrl}/audit?action=operator.retry`);
    expect(await ownerPage.getByTestId("audit-table").innerText()).toContain(`operator:${operator.email}`);
  });

  it("cancels a stage stuck waiting, and the upload fails with a reason its user reads", async () => {
    // Nobody takes the ingest queue while it is paused: the upload's first stage waits, as it would
    // with no worker running. Resumed whatever happens, since later test files share the queue.
    const ingest = new Queue(QUEUE_NAMES.ingest, { connection: createConnection(), prefix: queuePrefix });
    await ingest.pause();
    let id = "";
    try {
      id = await upload(owner.key, "operator-stuck.log", readFileSync(FIXTURE_PATH, "utf8"));
      const jobId = `ingest-${id}`;
      const page = await noJs.newPage();
      // Waiting longer than 0 minutes: stuck by the page's own threshold, no need to wait ten.
      await page.goto(`${baseUrl}/operator?waitingOverMinutes=0`);
      const row = page.locator(`[data-job="ingest/${jobId}"]`);
      await row.waitFor();
      expect(await row.innerText()).toContain("waiting too long");
      expect(await row.getByRole("button", { name: /^Retry/ }).count()).toBe(0);
      await Promise.all([
        page.waitForURL(/\/operator\?done=cancelled/),
        row.getByRole("button", { name: `Cancel ingest job ${jobId}` }).click(),
      ]);
      expect(await page.getByTestId("operator-notice").innerText()).toContain("cancelled");
      expect(await ingest.getJob(jobId)).toBeUndefined();
    } finally {
      await ingest.resume();
      await ingest.close();
    }
    const status = await waitForUpload(baseUrl, id, owner.key, 10_000);
    expect(status.status).toBe("failed");
    expect(status.error).toBe("ingest failed: cancelled by the platform operator");
    const ownerPage = await ownerContext.newPage();
    await ownerPage.goto(`${baseUrl}/uploads/${id}`);
    const error = await ownerPage.getByTestId("upload-error").innerText();
    expect(error).toContain("stopped this upload's processing");
    expect(error).toContain("cancelled by the platform operator");
    const audit = await listAudit({ tenantId: owner.tenantId, action: "operator.cancel" });
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor).toBe(`operator:${operator.email}`);
    expect(audit[0]?.detail).toMatchObject({ uploadId: id, outcome: "removed", stateBefore: "waiting" });
  });

  it("shows the abuse of every tenant in the last 24 hours, by address and by tenant", async () => {
    // Two wrong passwords for the owner from one (forwarded) address: rows in the owner's log. An
    // address of this run only, since earlier runs' rows are still inside the 24 hours.
    const address = `198.18.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}`;
    for (let i = 0; i < 2; i++) {
      await signInOverHttp(baseUrl, owner.email, "wrong-password", { "x-forwarded-for": address });
    }
    const page = await operatorContext.newPage();
    await page.goto(`${baseUrl}/operator`);
    const byAddress = page.locator("[data-testid=abuse-by-address] tr", { hasText: address });
    expect(await byAddress.innerText()).toMatch(
      new RegExp(`${address.replace(/\./g, "\\.")}\\s+2\\s+0\\s+1\\s+1`),
    );
    const byTenant = page.locator("[data-testid=abuse-by-tenant] tr", { hasText: owner.name });
    expect(await byTenant.innerText()).toMatch(/\s2\s+0\s+1\s/);
    // The header links the page for an operator only.
    expect(await page.getByRole("link", { name: "Operator" }).count()).toBe(1);
  });

  it("answers 404 to a tenant owner, an API key and a revoked operator, on the page and the API", async () => {
    const ownerPage = await ownerContext.newPage();
    expect((await ownerPage.goto(`${baseUrl}/operator`))?.status()).toBe(404);
    expect(await ownerPage.getByRole("link", { name: "Operator" }).count()).toBe(0);
    const calls = [
      { method: "GET", path: "/api/v1/operator/jobs" },
      { method: "GET", path: "/api/v1/operator/abuse" },
      { method: "POST", path: "/api/v1/operator/jobs/ingest/ingest-x/retry" },
      { method: "POST", path: "/api/v1/operator/jobs/ingest/ingest-x/cancel" },
    ];
    const as = async (headers: Record<string, string>) =>
      Promise.all(
        calls.map(async (c) => (await fetch(`${baseUrl}${c.path}`, { method: c.method, headers })).status),
      );
    expect(await as({ Cookie: ownerCookie, "x-mlsec-portal": "1" })).toEqual([404, 404, 404, 404]);
    expect(await as({ Authorization: `Bearer ${owner.key}` })).toEqual([404, 404, 404, 404]);
    // The operator's own session with a key beside it: only the key counts, and a key is no operator.
    expect(await as({ Cookie: operatorCookie, Authorization: `Bearer ${owner.key}` })).toEqual([
      404, 404, 404, 404,
    ]);
    // A cross-site form post with the operator's cookie is refused (CSRF), an unknown job is 404.
    expect(
      (
        await fetch(`${baseUrl}/api/v1/operator/jobs/ingest/ingest-x/retry`, {
          method: "POST",
          headers: { Cookie: operatorCookie, Origin: "https://evil.example" },
        })
      ).status,
    ).toBe(403);
    expect(await as({ Cookie: operatorCookie, "x-mlsec-portal": "1" })).toEqual([200, 200, 404, 404]);

    expect(operatorCommand("revoke", operator.email)).toContain("no longer a platform operator");
    // At the next request, with the same session.
    const page = await operatorContext.newPage();
    expect((await page.goto(`${baseUrl}/operator`))?.status()).toBe(404);
    expect(await as({ Cookie: operatorCookie, "x-mlsec-portal": "1" })).toEqual([404, 404, 404, 404]);
  });
});
