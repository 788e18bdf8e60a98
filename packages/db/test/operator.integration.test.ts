import { afterAll, describe, expect, it } from "vitest";
import {
  abuseAcrossTenants,
  closeDb,
  getSessionOperator,
  listMembers,
  recordAudit,
  setPlatformOperator,
  NotFoundError,
} from "../src/index.ts";
import { seedTenant } from "./factories.ts";

afterAll(closeDb);

describe("the platform operator role", () => {
  it("is granted and revoked by account, checked per request, and never for an unknown address", async () => {
    const t = await seedTenant("op-role");
    const [member] = await listMembers(t.tenantId);
    const email = member?.email ?? "";
    expect(await getSessionOperator(t.userId, 0)).toBeNull();
    expect(await setPlatformOperator(email.toUpperCase(), true)).toEqual({ email, changed: true });
    expect((await getSessionOperator(t.userId, 0))?.email).toBe(email);
    // A session from before the user's last role change is over here too.
    expect(await getSessionOperator(t.userId, 1)).toBeNull();
    expect(await setPlatformOperator(email, false)).toEqual({ email, changed: true });
    expect(await getSessionOperator(t.userId, 0)).toBeNull();
    await expect(setPlatformOperator("nobody-yet@example.test", true)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("abuse across tenants", () => {
  it("groups the last day's failed sign-ins and rate-limit hits of every tenant by address and by tenant", async () => {
    const a = await seedTenant("op-abuse-a");
    const b = await seedTenant("op-abuse-b");
    const address = `203.0.113.${Math.floor(Math.random() * 250) + 1}`;
    for (const tenantId of [a.tenantId, a.tenantId, b.tenantId])
      await recordAudit({
        tenantId,
        actor: "anonymous",
        action: "sign-in.failed",
        target: "x@e",
        detail: { address },
      });
    await recordAudit({
      tenantId: b.tenantId,
      actor: "k",
      action: "rate-limit",
      target: "api",
      detail: { address },
    });
    // Other actions and older rows do not count.
    await recordAudit({ tenantId: a.tenantId, actor: "u", action: "sign-in", detail: { address } });
    const [member] = await listMembers(a.tenantId);
    await setPlatformOperator(member?.email ?? "", true);
    const operator = await getSessionOperator(a.userId, 0);
    if (!operator) throw new Error("not an operator");
    const view = await abuseAcrossTenants(operator, { since: new Date(Date.now() - 60_000), take: 500 });
    const row = view.byAddress.find((r) => r.address === address);
    expect(row).toMatchObject({ failedSignIns: 3, rateLimitHits: 1, tenants: 2, targets: 2 });
    expect(view.byTenant.find((r) => r.tenantId === a.tenantId)).toMatchObject({
      failedSignIns: 2,
      rateLimitHits: 0,
    });
    expect(view.byTenant.find((r) => r.tenantId === b.tenantId)).toMatchObject({
      failedSignIns: 1,
      rateLimitHits: 1,
    });
    const later = await abuseAcrossTenants(operator, { since: new Date(Date.now() + 60_000) });
    expect(later.byAddress.find((r) => r.address === address)).toBeUndefined();
  });
});
