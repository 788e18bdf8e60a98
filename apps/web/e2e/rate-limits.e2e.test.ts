import { afterAll, describe, expect, inject, it } from "vitest";
import { closeDb, listAudit, listMembers } from "@mlsec/db";
import { seedTenant } from "@mlsec/db/test/factories";
import "./provided-context.ts";
import { signInOverHttp } from "./api.ts";

const baseUrl = inject("baseUrl");
afterAll(closeDb);

const signInOnce = (email: string, password: string) => signInOverHttp(baseUrl, email, password);

/** Whether a sign-in answer carries a session: next-auth sets its session cookie only on success. */
const signedIn = (res: Response) =>
  res.headers.getSetCookie().some((c) => c.includes("next-auth.session-token="));

describe("abuse limits", () => {
  it("answers 429 with Retry-After before the 30th wrong password, and refuses the right one until the window passes", async () => {
    const t = await seedTenant("rl-signin");
    const [member] = await listMembers(t.tenantId);
    const owner = member?.email ?? "";
    const statuses: number[] = [];
    let retryAfter = 0;
    for (let i = 0; i < 30; i++) {
      const res = await signInOnce(owner, `wrong password ${i}`);
      statuses.push(res.status);
      expect(signedIn(res)).toBe(false);
      if (res.status === 429) retryAfter = Number(res.headers.get("retry-after"));
    }
    const first429 = statuses.indexOf(429);
    expect(first429).toBeGreaterThanOrEqual(0);
    expect(first429).toBeLessThan(29);
    // Once limited, every later attempt is refused: the window does not reopen while guesses go on.
    expect(statuses.slice(first429).every((s) => s === 429)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);

    const right = await signInOnce(owner, "correct horse battery");
    expect(right.status).toBe(429);
    expect(signedIn(right)).toBe(false);
    const body = (await right.json()) as { error: string; url: string };
    expect(body.error).toMatch(/^too many attempts, try again in \d+ minutes$/);
    expect(new URL(body.url).searchParams.get("error")).toMatch(/^TooManyAttempts:\d+$/);

    // The failures and the lock are in the organisation's audit log.
    const audit = await listAudit({ tenantId: t.tenantId });
    expect(audit.filter((a) => a.action === "sign-in.failed").length).toBeGreaterThan(0);
    expect(audit.some((a) => a.action === "rate-limit" && a.target === owner)).toBe(true);

    await new Promise((r) => setTimeout(r, (Number(right.headers.get("retry-after")) + 1) * 1000));
    const after = await signInOnce(owner, "correct horse battery");
    expect(after.status).toBe(200);
    expect(signedIn(after)).toBe(true);
  });

  it("answers 429 with Retry-After to an API key over its limit, and audits it once", async () => {
    const t = await seedTenant("rl-api");
    const key = t.apiKey ?? "";
    const call = () =>
      fetch(`${baseUrl}/api/v1/lists`, { headers: { Authorization: `Bearer ${key}` } }).then(async (r) => {
        await r.arrayBuffer();
        return r;
      });
    // The e2e server keeps the default of 600 calls a minute per key.
    const statuses: number[] = [];
    for (let batch = 0; batch < 31; batch++)
      statuses.push(...(await Promise.all(Array.from({ length: 20 }, call))).map((r) => r.status));
    expect(statuses.filter((s) => s === 200)).toHaveLength(600);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20);
    const limited = await call();
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const audit = await listAudit({ tenantId: t.tenantId, action: "rate-limit" });
    expect(audit.map((a) => a.target)).toEqual(["api"]);
  });
});
