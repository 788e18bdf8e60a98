import { afterAll, describe, expect, it } from "vitest";
import {
  acceptInvitation,
  closeDb,
  ConflictError,
  createInvitation,
  getDb,
  getMembership,
  SignInRequiredError,
} from "../src/index.ts";
import { seedTenant } from "./factories.ts";

afterAll(closeDb);

const PASSWORD = "correct horse battery"; // seedTenant's owner password

async function roleIn(tenantId: string, userId: string): Promise<string | undefined> {
  return (await getMembership(userId, tenantId))?.role;
}

describe("an invitation never changes an existing member's role", () => {
  it("refuses to invite the last owner (or any member) again, and the owner stays owner", async () => {
    const t = await seedTenant("own");
    const owner = await getDb().user.findUniqueOrThrow({ where: { id: t.userId } });
    await expect(
      createInvitation({ tenantId: t.tenantId, email: owner.email, role: "viewer" }),
    ).rejects.toBeInstanceOf(ConflictError);
    // Spelled another way, the same address is still the member.
    await expect(
      createInvitation({ tenantId: t.tenantId, email: ` ${owner.email.toUpperCase()} `, role: "viewer" }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await roleIn(t.tenantId, t.userId)).toBe("owner");
    expect(await getDb().invitation.count({ where: { tenantId: t.tenantId } })).toBe(0);
  });

  it("refuses an invitation that was issued before its address joined, and keeps the token unused", async () => {
    const t = await seedTenant("twice");
    const email = `twice-${t.tenantId}@example.test`;
    const first = await createInvitation({ tenantId: t.tenantId, email, role: "admin" });
    const second = await createInvitation({ tenantId: t.tenantId, email, role: "viewer" });
    const joined = await acceptInvitation({ token: first.token, password: "invitee pass 1" });
    expect(joined.role).toBe("admin");
    await expect(
      acceptInvitation({ token: second.token, password: "invitee pass 1" }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await roleIn(t.tenantId, joined.userId)).toBe("admin");
    const row = await getDb().invitation.findUniqueOrThrow({ where: { id: second.id } });
    expect(row.acceptedAt).toBeNull();
  });

  it("refuses the old invitation of the sole owner even when presented with the owner's own password", async () => {
    // The reported path: an admin obtains a viewer invitation for the owner's address (made here
    // directly, as a row written before the creation check existed would be), then accepts it.
    const t = await seedTenant("last");
    const owner = await getDb().user.findUniqueOrThrow({ where: { id: t.userId } });
    const { token } = await createInvitation({
      tenantId: t.tenantId,
      email: `placeholder-${t.tenantId}@example.test`,
      role: "viewer",
    });
    await getDb().invitation.updateMany({ where: { tenantId: t.tenantId }, data: { email: owner.email } });
    await expect(acceptInvitation({ token })).rejects.toBeInstanceOf(SignInRequiredError);
    await expect(acceptInvitation({ token, password: PASSWORD })).rejects.toBeInstanceOf(ConflictError);
    await expect(acceptInvitation({ token, signedInUserId: t.userId })).rejects.toBeInstanceOf(ConflictError);
    expect(await roleIn(t.tenantId, t.userId)).toBe("owner");
  });
});

describe("accepting for an existing account needs that account", () => {
  it("does not add another organisation's user without their sign-in or password", async () => {
    const inviter = await seedTenant("inviter");
    const other = await seedTenant("other");
    const victim = await getDb().user.findUniqueOrThrow({ where: { id: other.userId } });
    const { token } = await createInvitation({
      tenantId: inviter.tenantId,
      email: victim.email,
      role: "admin",
    });

    await expect(acceptInvitation({ token })).rejects.toBeInstanceOf(SignInRequiredError);
    await expect(acceptInvitation({ token, password: "not the password" })).rejects.toBeInstanceOf(
      SignInRequiredError,
    );
    // Signed in as someone else is no consent either.
    await expect(acceptInvitation({ token, signedInUserId: inviter.userId })).rejects.toBeInstanceOf(
      SignInRequiredError,
    );
    expect(await roleIn(inviter.tenantId, victim.id)).toBeUndefined();
    expect(
      (await getDb().invitation.findFirstOrThrow({ where: { tenantId: inviter.tenantId } })).acceptedAt,
    ).toBeNull();

    const joined = await acceptInvitation({ token, signedInUserId: victim.id });
    expect(joined).toMatchObject({ tenantId: inviter.tenantId, userId: victim.id, role: "admin" });
    // Their own organisation is untouched.
    expect(await roleIn(other.tenantId, victim.id)).toBe("owner");
  });

  it("joins with the account's own password", async () => {
    const inviter = await seedTenant("pw-inviter");
    const other = await seedTenant("pw-other");
    const account = await getDb().user.findUniqueOrThrow({ where: { id: other.userId } });
    const { token } = await createInvitation({
      tenantId: inviter.tenantId,
      email: account.email,
      role: "analyst",
    });
    const joined = await acceptInvitation({ token, password: PASSWORD });
    expect(joined).toMatchObject({ tenantId: inviter.tenantId, userId: account.id, role: "analyst" });
    expect(await roleIn(inviter.tenantId, account.id)).toBe("analyst");
  });
});
