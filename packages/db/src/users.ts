import { getDb } from "./client.ts";
import { verifyPassword } from "./passwords.ts";

export type TSessionUser = {
  userId: string;
  email: string;
  name: string | null;
  tenantId: string;
  role: string;
  /** User.sessionVersion when signed in: the session is valid while it is unchanged. */
  sessionVersion: number;
};

/** Checks a password and returns the user with the organisation they act in (their oldest membership). */
export async function authenticateUser(
  email: string,
  password: string,
  /** Sign in to this organisation when the user belongs to it (e.g. right after joining it). */
  preferTenantId?: string,
): Promise<TSessionUser | null> {
  const user = await getDb().user.findUnique({
    where: { email: email.trim().toLowerCase() },
    include: { memberships: { orderBy: { createdAt: "asc" } } },
  });
  // Compare even when the user is missing would be nicer against timing probes; bcrypt on a
  // dummy hash costs the same, so do it.
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  const memberships = user?.memberships ?? [];
  const membership = memberships.find((m) => m.tenantId === preferTenantId) ?? memberships[0];
  if (!user || !ok || !membership) return null;
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    tenantId: membership.tenantId,
    role: membership.role,
    sessionVersion: user.sessionVersion,
  };
}

/** The organisations of the account with this email (none when there is no such account), for auditing failed sign-ins. */
export async function tenantsOfEmail(email: string): Promise<string[]> {
  const user = await getDb().user.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { memberships: { select: { tenantId: true } } },
  });
  return user?.memberships.map((m) => m.tenantId) ?? [];
}

/** The membership that scopes a signed-in user's requests; looked up on every request, never trusted from the token alone. */
export async function getMembership(userId: string, tenantId: string) {
  return getDb().membership.findUnique({ where: { tenantId_userId: { tenantId, userId } } });
}

/** The organisations a user belongs to, oldest membership first, for the portal's switcher. */
export async function listUserOrganisations(userId: string) {
  const rows = await getDb().membership.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { tenantId: true, role: true, tenant: { select: { name: true } } },
  });
  return rows.map((m) => ({ tenantId: m.tenantId, role: m.role, name: m.tenant.name }));
}

const DUMMY_HASH = "$2b$10$CwTycUXWue0Thq9StjUM0uJ8.vQ3VYq3tqJ3nS3Z0xjQ1vY3tOq6e";

/**
 * The membership a session acts through, or null when the membership is gone or the session was
 * issued before the user's sessionVersion last changed (a role change): such a session is over.
 */
export async function getSessionMembership(userId: string, tenantId: string, sessionVersion: number) {
  const row = await getDb().membership.findUnique({
    where: { tenantId_userId: { tenantId, userId } },
    include: { user: { select: { sessionVersion: true } } },
  });
  if (!row || row.user.sessionVersion !== sessionVersion) return null;
  const { user: _user, ...membership } = row;
  return membership;
}

/** Whether a session issued under `sessionVersion` is still the user's current one. */
export async function isSessionCurrent(userId: string, sessionVersion: number): Promise<boolean> {
  const user = await getDb().user.findUnique({ where: { id: userId }, select: { sessionVersion: true } });
  return user?.sessionVersion === sessionVersion;
}
