import { createHash, randomBytes } from "node:crypto";
import { passwordProblem } from "@mlsec/core/auth";
import { MS_PER_DAY } from "@mlsec/core/day";
import { getDb } from "./client.ts";
import { withTenant } from "./with-tenant.ts";
import { ConflictError, NotFoundError, SignInRequiredError, WeakPasswordError } from "./errors.ts";
import { hashPassword, verifyPassword } from "./passwords.ts";

export type TRole = "owner" | "admin" | "analyst" | "viewer";
export const ROLES: readonly TRole[] = ["owner", "admin", "analyst", "viewer"];

const hashToken = (token: string): string => createHash("sha256").update(token).digest("hex");
const DEFAULT_TTL_MS = 7 * MS_PER_DAY;

/** Why an invitation for a member is refused, at creation and (should one slip through) at acceptance. */
const ALREADY_MEMBER = "already a member of this organisation: change their role on the Members page";

/**
 * Invites an email address into the tenant; the token (for the emailed link) is returned once.
 * An address that is already a member is refused (ConflictError): an invitation only ever adds a
 * member, so it cannot be used to change anyone's role, the last owner's included.
 */
export async function createInvitation(opts: {
  tenantId: string;
  email: string;
  role: TRole;
  ttlMs?: number;
  now?: Date;
}) {
  return withTenant(opts.tenantId, async (tx) => {
    const email = opts.email.trim().toLowerCase();
    const member = await tx.membership.findFirst({
      where: { tenantId: opts.tenantId, user: { email } },
      select: { id: true },
    });
    if (member) throw new ConflictError(`${email} is ${ALREADY_MEMBER}`);
    const token = `inv_${randomBytes(24).toString("base64url")}`;
    const now = opts.now ?? new Date();
    const row = await tx.invitation.create({
      data: {
        tenantId: opts.tenantId,
        email,
        role: opts.role,
        tokenHash: hashToken(token),
        expiresAt: new Date(now.getTime() + (opts.ttlMs ?? DEFAULT_TTL_MS)),
      },
    });
    return { id: row.id, token, expiresAt: row.expiresAt };
  });
}

/**
 * Accepts an invitation. A new address gets an account with `password`. An address that already
 * has an account joins only when that account is proven: signed in (`signedInUserId`) or its
 * password given, so nobody can add another person's account to an organisation, nor act for it.
 * A member already in the tenant is refused (ConflictError) and keeps their role: an invitation
 * never changes an existing membership. Unknown, expired or used tokens throw NotFoundError (one
 * answer for all, so a guess learns nothing).
 */
export async function acceptInvitation(opts: {
  token: string;
  password?: string;
  name?: string;
  /** The portal session's user, when the request carries one. */
  signedInUserId?: string;
  now?: Date;
}) {
  const db = getDb();
  const now = opts.now ?? new Date();
  const invitation = await db.invitation.findUnique({ where: { tokenHash: hashToken(opts.token) } });
  if (!invitation || invitation.acceptedAt || invitation.expiresAt <= now)
    throw new NotFoundError("invitation");
  const existing = await db.user.findUnique({ where: { email: invitation.email } });
  if (existing) {
    const proven =
      opts.signedInUserId === existing.id ||
      (opts.password !== undefined && (await verifyPassword(opts.password, existing.passwordHash)));
    if (!proven)
      throw new SignInRequiredError(
        `${invitation.email} already has an account: sign in as that account (or give its password) to accept`,
      );
  } else {
    // Only a new account's password meets the policy: an existing one proves the account as it is.
    const weak = opts.password
      ? passwordProblem(opts.password, { email: invitation.email, name: opts.name })
      : null;
    if (!opts.password || weak) throw new WeakPasswordError(weak ?? "a new account needs a password");
  }
  const passwordHash = existing ? null : await hashPassword(opts.password ?? "");
  return db.$transaction(async (tx) => {
    // Marking it accepted first, conditionally, makes a double submit join once.
    const { count } = await tx.invitation.updateMany({
      where: { id: invitation.id, acceptedAt: null },
      data: { acceptedAt: now },
    });
    if (count === 0) throw new NotFoundError("invitation");
    const user =
      existing ??
      (await tx.user.create({
        data: { email: invitation.email, passwordHash: passwordHash ?? "", name: opts.name?.trim() || null },
      }));
    const member = await tx.membership.findUnique({
      where: { tenantId_userId: { tenantId: invitation.tenantId, userId: user.id } },
      select: { id: true },
    });
    // Thrown inside the transaction, so the invitation stays unused and the role untouched.
    if (member) throw new ConflictError(`${invitation.email} is ${ALREADY_MEMBER}`);
    await tx.membership.create({
      data: { tenantId: invitation.tenantId, userId: user.id, role: invitation.role },
    });
    return { tenantId: invitation.tenantId, userId: user.id, role: invitation.role, email: user.email };
  });
}

/** Invitations not yet accepted nor expired, newest first, for the members page. */
export async function listPendingInvitations(tenantId: string, now: Date = new Date()) {
  return withTenant(tenantId, async (tx) => {
    return tx.invitation.findMany({
      where: { tenantId, acceptedAt: null, expiresAt: { gt: now } },
      orderBy: { createdAt: "desc" },
      select: { id: true, email: true, role: true, createdAt: true, expiresAt: true },
    });
  });
}

/**
 * What the accept page shows for a token: the organisation, the invited email and role, and whether
 * that email already has an account (then it joins; otherwise a password creates one). Null for an
 * unknown, used or expired token.
 */
export async function peekInvitation(token: string, now: Date = new Date()) {
  const db = getDb();
  const invitation = await db.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { tenant: { select: { name: true } } },
  });
  if (!invitation || invitation.acceptedAt || invitation.expiresAt <= now) return null;
  const account = await db.user.findUnique({ where: { email: invitation.email }, select: { id: true } });
  return {
    email: invitation.email,
    role: invitation.role,
    organisation: invitation.tenant.name,
    expiresAt: invitation.expiresAt,
    hasAccount: account !== null,
  };
}

/**
 * For the invitation email: the pending invitation of this tenant whose token is `token`, or null
 * (accepted, expired, another tenant's, or a token that does not match: nothing is sent then).
 */
export async function invitationForEmail(opts: {
  tenantId: string;
  invitationId: string;
  token: string;
  now?: Date;
}) {
  const invitation = await getDb().invitation.findFirst({
    where: { tenantId: opts.tenantId, id: opts.invitationId },
    include: { tenant: { select: { name: true } } },
  });
  if (!invitation || invitation.acceptedAt || invitation.expiresAt <= (opts.now ?? new Date())) return null;
  if (invitation.tokenHash !== hashToken(opts.token)) return null;
  return {
    email: invitation.email,
    role: invitation.role,
    organisation: invitation.tenant.name,
    expiresAt: invitation.expiresAt,
  };
}

/** Withdraws a pending invitation so its link stops working; accepted, unknown or another tenant's: NotFound. */
export async function revokeInvitation(opts: { tenantId: string; id: string }) {
  return withTenant(opts.tenantId, async (tx) => {
    const { count } = await tx.invitation.deleteMany({
      where: { tenantId: opts.tenantId, id: opts.id, acceptedAt: null },
    });
    if (count === 0) throw new NotFoundError("invitation");
  });
}
