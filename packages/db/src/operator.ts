import { getDb } from "./client.ts";
import { NotFoundError } from "./errors.ts";

declare const operatorProof: unique symbol;

/**
 * A platform operator, as checked against the database for this request. Only getSessionOperator
 * makes one, so a function that takes it (the cross-tenant reads of operator-abuse.ts and
 * operator-jobs.ts) cannot be called from a tenant's code path without a cast a review would see.
 */
export type TPlatformOperator = {
  readonly userId: string;
  readonly email: string;
  readonly [operatorProof]: true;
};

/**
 * The operator behind a session, or null: the flag is read on every request (no claim in the token
 * is trusted), so `revoke` ends operator access at the next request; a session issued before the
 * user's sessionVersion moved on (a role change) is over here as everywhere.
 */
export async function getSessionOperator(
  userId: string,
  sessionVersion: number,
): Promise<TPlatformOperator | null> {
  const user = await getDb().user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, platformOperator: true, sessionVersion: true },
  });
  if (!user?.platformOperator || user.sessionVersion !== sessionVersion) return null;
  return { userId: user.id, email: user.email } as TPlatformOperator;
}

/**
 * Grants or revokes the platform-operator flag of an existing account. Called only by the server-side
 * command (infra/operator.ts): no route reaches it, so no tenant role can grant it, and it names an
 * account that exists, never an address someone could sign up with later.
 */
export async function setPlatformOperator(
  email: string,
  operator: boolean,
): Promise<{ email: string; changed: boolean }> {
  const address = email.trim().toLowerCase();
  const user = await getDb().user.findUnique({
    where: { email: address },
    select: { id: true, platformOperator: true },
  });
  if (!user) throw new NotFoundError(`account ${address}`);
  if (user.platformOperator === operator) return { email: address, changed: false };
  await getDb().user.update({ where: { id: user.id }, data: { platformOperator: operator } });
  return { email: address, changed: true };
}

/** Every account that holds the flag, for `npm run operator -- list`. */
export async function listPlatformOperators(): Promise<{ email: string; createdAt: Date }[]> {
  return getDb().user.findMany({
    where: { platformOperator: true },
    select: { email: true, createdAt: true },
    orderBy: { email: "asc" },
  });
}
