import { randomUUID } from "node:crypto";
import { withdrawContributor } from "./community-pool.ts";
import { getDb } from "./client.ts";
import { withTenant } from "./with-tenant.ts";

export type TCommunitySetting = { contribute: boolean; contributorId: string | null };

/** The tenant's consent and pool pseudonym (null before it first consented). */
export async function getCommunitySetting(tenantId: string): Promise<TCommunitySetting> {
  return withTenant(tenantId, async (tx) => {
    const t = await tx.tenant.findUnique({
      where: { id: tenantId },
      select: { contributeToCommunity: true, communityContributorId: true },
    });
    return {
      contribute: t?.contributeToCommunity ?? false,
      contributorId: t?.communityContributorId ?? null,
    };
  });
}

/**
 * Turns contribution on or off. On: the tenant gets a random pool pseudonym (kept across toggles,
 * so "minus me" keeps working on what is still in the pool). Off: consent is withdrawn, so every
 * pool row under the pseudonym is deleted in the same transaction.
 */
export async function setCommunityContribution(opts: {
  tenantId: string;
  contribute: boolean;
}): Promise<TCommunitySetting> {
  return getDb().$transaction(async (tx) => {
    const t = await tx.tenant.findUniqueOrThrow({
      where: { id: opts.tenantId },
      select: { communityContributorId: true },
    });
    const contributorId = t.communityContributorId ?? (opts.contribute ? `t-${randomUUID()}` : null);
    await tx.tenant.update({
      where: { id: opts.tenantId },
      data: { contributeToCommunity: opts.contribute, communityContributorId: contributorId },
    });
    if (!opts.contribute && contributorId) await withdrawContributor(tx, contributorId);
    return { contribute: opts.contribute, contributorId };
  });
}

/** Every consenting tenant with its pseudonym: what the community job copies into the pool. */
export async function contributingTenants(): Promise<{ tenantId: string; contributorId: string }[]> {
  const rows = await getDb().tenant.findMany({
    where: { contributeToCommunity: true, communityContributorId: { not: null } },
    select: { id: true, communityContributorId: true },
    orderBy: { id: "asc" },
  });
  return rows.flatMap((r) =>
    r.communityContributorId ? [{ tenantId: r.id, contributorId: r.communityContributorId }] : [],
  );
}
