import { getDb } from "./client.ts";
import { verifyPassword } from "./passwords.ts";

export type TSessionUser = {
  userId: string;
  email: string;
  name: string | null;
  tenantId: string;
  role: string;
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
