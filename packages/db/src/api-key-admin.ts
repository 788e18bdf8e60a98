import { withTenant } from "./with-tenant.ts";
import { NotFoundError } from "./errors.ts";

/** The tenant's keys for listing: never the hash, and the key itself was never stored. */
export async function listApiKeys(tenantId: string) {
  return withTenant(tenantId, async (tx) => {
    return tx.apiKey.findMany({
      where: { tenantId },
      orderBy: { createdAt: "desc" },
      select: {
        id: true,
        name: true,
        prefix: true,
        scopes: true,
        createdAt: true,
        lastUsedAt: true,
        revokedAt: true,
      },
    });
  });
}

/** Revokes a key at once (resolveApiKey refuses it from now on); revoking twice keeps the first time. */
export async function revokeApiKey(opts: { tenantId: string; id: string; now?: Date }) {
  return withTenant(opts.tenantId, async (tx) => {
    const db = tx;
    const row = await db.apiKey.findFirst({ where: { tenantId: opts.tenantId, id: opts.id } });
    if (!row) throw new NotFoundError("api key");
    if (row.revokedAt) return { id: row.id, revokedAt: row.revokedAt };
    const updated = await db.apiKey.update({
      where: { id: row.id },
      data: { revokedAt: opts.now ?? new Date() },
    });
    return { id: updated.id, revokedAt: updated.revokedAt };
  });
}
