import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import {
  acceptInvitation,
  authenticateUser,
  closeDb,
  createInvitation,
  createTenantWithOwner,
  getDb,
  hashPassword,
  WeakPasswordError,
} from "../src/index.ts";
import { seedTenant } from "./factories.ts";

afterAll(closeDb);

const email = (label: string) => `${label}-${randomUUID().slice(0, 8)}@example.test`;

describe("password policy at every door that makes an account", () => {
  it("sign-up refuses a common breached password and creates nothing", async () => {
    const address = email("weak-signup");
    await expect(
      createTenantWithOwner({ name: "Weak", email: address, password: "iloveyou" }),
    ).rejects.toThrow(WeakPasswordError);
    await expect(
      createTenantWithOwner({ name: "Weak", email: address, password: "Password1" }),
    ).rejects.toThrow(/most common in breached/);
    expect(await getDb().user.count({ where: { email: address } })).toBe(0);
    const ok = await createTenantWithOwner({
      name: "Strong",
      email: address,
      password: "a less common phrase",
    });
    expect(ok.userId).toBeTruthy();
  });

  it("invitation accept refuses one for a new account, and leaves the invitation usable", async () => {
    const t = await seedTenant("weak-invite");
    const address = email("weak-invitee");
    const inv = await createInvitation({ tenantId: t.tenantId, email: address, role: "analyst" });
    await expect(acceptInvitation({ token: inv.token, password: "football" })).rejects.toThrow(
      WeakPasswordError,
    );
    await expect(acceptInvitation({ token: inv.token, password: address })).rejects.toThrow(/email or name/);
    await expect(acceptInvitation({ token: inv.token })).rejects.toThrow(/needs a password/);
    expect(await getDb().user.count({ where: { email: address } })).toBe(0);
    const joined = await acceptInvitation({ token: inv.token, password: "an uncommon passphrase" });
    expect(joined.role).toBe("analyst");
  });

  it("an existing account proves itself with the password it has, which the policy does not judge", async () => {
    // An account from before the policy, with a password it would now refuse.
    const address = email("old-account");
    const other = await seedTenant("old-home");
    const user = await getDb().user.create({
      data: { email: address, passwordHash: await hashPassword("12345678") },
    });
    await getDb().membership.create({ data: { tenantId: other.tenantId, userId: user.id, role: "viewer" } });
    const t = await seedTenant("weak-existing");
    const inv = await createInvitation({ tenantId: t.tenantId, email: address, role: "viewer" });
    expect((await acceptInvitation({ token: inv.token, password: "12345678" })).userId).toBe(user.id);
    expect(await authenticateUser(address, "12345678", t.tenantId)).not.toBeNull();
  });
});
