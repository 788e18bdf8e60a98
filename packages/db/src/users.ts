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
export async function authenticateUser(email: string, password: string): Promise<TSessionUser | null> {
  const user = await getDb().user.findUnique({
    where: { email: email.trim().toLowerCase() },
    include: { memberships: { orderBy: { createdAt: "asc" }, take: 1 } },
  });
  // Compare even when the user is missing would be nicer against timing probes; bcrypt on a
  // dummy hash costs the same, so do it.
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  const membership = user?.memberships[0];
  if (!user || !ok || !membership) return null;
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    tenantId: membership.tenantId,
    role: membership.role,
  };
}

/** The membership that scopes a signed-in user's requests; looked up on every request, never trusted from the token alone. */
export async function getMembership(userId: string, tenantId: string) {
  return getDb().membership.findUnique({ where: { tenantId_userId: { tenantId, userId } } });
}

const DUMMY_HASH = "$2b$10$CwTycUXWue0Thq9StjUM0uJ8.vQ3VYq3tqJ3nS3Z0xjQ1vY3tOq6e";
