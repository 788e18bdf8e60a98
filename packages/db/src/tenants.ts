import { getDb } from "./client.ts";
import { withTenant } from "./with-tenant.ts";
import { Prisma } from "./generated/prisma/client.ts";
import { passwordProblem } from "@mlsec/core/auth";
import { ConflictError, WeakPasswordError } from "./errors.ts";
import { hashPassword } from "./passwords.ts";
import { createApiKey } from "./api-keys.ts";
import { openWebhookSecret, webhookSecretColumns } from "./webhook-secret.ts";
import { withdrawContributor } from "./community-pool.ts";

export type TCreateTenantOptions = { name: string; email: string; password: string; withApiKey?: boolean };
export type TCreatedTenant = { tenantId: string; userId: string; apiKey: string | null };

/** Sign-up: a new organisation (tenant) with its first user as owner, optionally with an API key shown once. */
export async function createTenantWithOwner(opts: TCreateTenantOptions): Promise<TCreatedTenant> {
  const db = getDb();
  const email = opts.email.trim().toLowerCase();
  if (await db.user.findUnique({ where: { email }, select: { id: true } })) {
    throw new ConflictError(`an account with email ${email} already exists`);
  }
  // Every door that makes an account (portal sign-up, the CLI) goes through here: one policy.
  const weak = passwordProblem(opts.password, { email, name: opts.name });
  if (weak) throw new WeakPasswordError(weak);
  const passwordHash = await hashPassword(opts.password);
  const { tenant, user } = await db.$transaction(async (tx) => {
    const tenant = await tx.tenant.create({ data: { name: opts.name.trim() } });
    const user = await tx.user.create({ data: { email, passwordHash, name: opts.name.trim() } });
    await tx.membership.create({ data: { tenantId: tenant.id, userId: user.id, role: "owner" } });
    return { tenant, user };
  });
  const apiKey = opts.withApiKey
    ? (await createApiKey({ tenantId: tenant.id, name: "default", scopes: ["upload", "read", "feedback"] }))
        .key
    : null;
  return { tenantId: tenant.id, userId: user.id, apiKey };
}

/**
 * Deletes a tenant and everything it owns. Rollups and decisions are deleted explicitly: their
 * tables have no foreign key to cascade from (bulk writes, see their models); the rest cascades.
 */
export async function deleteTenant(tenantId: string): Promise<void> {
  // Minutes, not Prisma's 5 s default: a large tenant has millions of rollup and decision rows.
  await getDb().$transaction(
    async (tx) => {
      const tenant = await tx.tenant.findUnique({
        where: { id: tenantId },
        select: { communityContributorId: true, memberships: { select: { userId: true } } },
      });
      await tx.ipDayRollup.deleteMany({ where: { tenantId } });
      await tx.decision.deleteMany({ where: { tenantId } });
      // What it gave the community pool goes with it (the pool has no tenant relation to cascade from).
      if (tenant?.communityContributorId) await withdrawContributor(tx, tenant.communityContributorId);
      await tx.tenant.delete({ where: { id: tenantId } });
      // Its members' accounts too, unless they still belong to another organisation.
      const userIds = tenant?.memberships.map((m) => m.userId) ?? [];
      if (userIds.length > 0)
        await tx.user.deleteMany({ where: { id: { in: userIds }, memberships: { none: {} } } });
    },
    { timeout: 30 * 60_000 },
  );
}

type TTenantRow = NonNullable<Awaited<ReturnType<ReturnType<typeof getDb>["tenant"]["findUnique"]>>>;
/** A tenant as the app sees it: the webhook secret opened, the columns that store it left out. */
export type TTenant = Omit<TTenantRow, "webhookSecretSealed" | "webhookSecretLegacy"> & {
  webhookSecret: string | null;
};

function tenantView(row: TTenantRow): TTenant {
  const { webhookSecretSealed: _sealed, webhookSecretLegacy: _legacy, ...rest } = row;
  return { ...rest, webhookSecret: openWebhookSecret(row) };
}

export async function getTenant(tenantId: string): Promise<TTenant | null> {
  return withTenant(tenantId, async (tx) => {
    const row = await tx.tenant.findUnique({ where: { id: tenantId } });
    return row ? tenantView(row) : null;
  });
}

/** Where report-ready notifications go; null clears a channel. The secret is stored sealed. */
export async function setNotificationSettings(opts: {
  tenantId: string;
  webhookUrl: string | null;
  webhookSecret: string | null;
  notifyEmail: string | null;
}): Promise<TTenant> {
  return withTenant(opts.tenantId, async (tx) => {
    const row = await tx.tenant.update({
      where: { id: opts.tenantId },
      data: {
        webhookUrl: opts.webhookUrl,
        notifyEmail: opts.notifyEmail,
        ...webhookSecretColumns(opts.tenantId, opts.webhookSecret),
      },
    });
    return tenantView(row);
  });
}

/** The tenant's behaviour rules (validated by the caller against core's ZClusterRules); null = defaults. */
export async function setClusterRules(opts: { tenantId: string; rules: Prisma.InputJsonValue | null }) {
  return withTenant(opts.tenantId, async (tx) => {
    return tx.tenant.update({
      where: { id: opts.tenantId },
      data: { clusterRules: opts.rules ?? Prisma.DbNull },
    });
  });
}

/** Per-tenant triage: probability at or above `block` is "block", at or above `review` is "review". */
export async function setTriageThresholds(opts: { tenantId: string; block: number; review: number }) {
  return withTenant(opts.tenantId, async (tx) => {
    if (!(opts.review >= 0 && opts.review <= opts.block && opts.block <= 1))
      throw new RangeError("thresholds must satisfy 0 <= review <= block <= 1");
    return tx.tenant.update({
      where: { id: opts.tenantId },
      data: { triageBlock: opts.block, triageReview: opts.review },
    });
  });
}
