import { afterAll, describe, expect, it } from "vitest";
import {
  acceptInvitation,
  authenticateUser,
  closeDb,
  createInvitation,
  getSessionMembership,
  isSessionCurrent,
  setMemberRole,
} from "../src/index.ts";
import { seedTenant } from "./factories.ts";

afterAll(closeDb);

describe("session version", () => {
  it("a role change ends the member's older sessions; a no-op change and other members' keep theirs", async () => {
    const t = await seedTenant("sv");
    const email = `sv-member-${t.tenantId}@example.test`;
    const inv = await createInvitation({ tenantId: t.tenantId, email, role: "analyst" });
    const { userId } = await acceptInvitation({ token: inv.token, password: "member password here" });
    const before = await authenticateUser(email, "member password here", t.tenantId);
    const sv = before?.sessionVersion ?? -1;
    expect(await getSessionMembership(userId, t.tenantId, sv)).toMatchObject({ role: "analyst" });

    await setMemberRole({ tenantId: t.tenantId, userId, role: "analyst" });
    expect(await isSessionCurrent(userId, sv)).toBe(true);

    await setMemberRole({ tenantId: t.tenantId, userId, role: "viewer" });
    expect(await getSessionMembership(userId, t.tenantId, sv)).toBeNull();
    expect(await isSessionCurrent(userId, sv)).toBe(false);
    // The owner's sessions are untouched.
    expect(await getSessionMembership(t.userId, t.tenantId, 0)).toMatchObject({ role: "owner" });
    // Signing in again gives a session of the new version and the new role.
    const after = await authenticateUser(email, "member password here", t.tenantId);
    expect(after?.sessionVersion).toBe(sv + 1);
    expect(await getSessionMembership(userId, t.tenantId, sv + 1)).toMatchObject({ role: "viewer" });
  });
});
