import { getDb } from "./client.ts";
import { openSecret, sealSecret, sealedKeyId, secretsKeyRing, type TKeyRing } from "./sealed-secrets.ts";

/** Associated data of a tenant's sealed webhook secret: it opens in that tenant's row only. */
const context = (tenantId: string) => `Tenant.webhookSecret:${tenantId}`;

type TStoredSecret = { id: string; webhookSecretSealed: string | null; webhookSecretLegacy: string | null };

/** The columns that store `plain` for the tenant: sealed, and the pre-sealing plaintext column cleared. */
export function webhookSecretColumns(tenantId: string, plain: string | null, ring?: TKeyRing) {
  return {
    webhookSecretSealed: plain === null ? null : sealSecret(plain, context(tenantId), ring),
    webhookSecretLegacy: null,
  };
}

/** The tenant's webhook secret in plaintext: the sealed value, else one stored before sealing. */
export function openWebhookSecret(row: TStoredSecret, ring?: TKeyRing): string | null {
  if (row.webhookSecretSealed !== null) return openSecret(row.webhookSecretSealed, context(row.id), ring);
  return row.webhookSecretLegacy;
}

/**
 * Seals every plaintext secret left from before sealing, and re-seals every secret sealed under a
 * key other than the ring's first (rotation). Idempotent; returns how many rows it rewrote. Each row
 * is rewritten only if it is unchanged since it was read, so a concurrent settings write wins.
 * `tenantIds` limits it to those tenants (tests share one database).
 */
export async function resealWebhookSecrets(
  ring: TKeyRing = secretsKeyRing(),
  opts: { tenantIds?: string[] } = {},
): Promise<number> {
  const current = ring[0]?.id;
  const db = getDb();
  const rows = await db.tenant.findMany({
    where: {
      ...(opts.tenantIds ? { id: { in: opts.tenantIds } } : {}),
      OR: [{ webhookSecretLegacy: { not: null } }, { webhookSecretSealed: { not: null } }],
    },
    select: { id: true, webhookSecretSealed: true, webhookSecretLegacy: true },
  });
  let rewritten = 0;
  for (const row of rows) {
    if (
      row.webhookSecretLegacy === null &&
      row.webhookSecretSealed &&
      sealedKeyId(row.webhookSecretSealed) === current
    )
      continue;
    const { count } = await db.tenant.updateMany({
      where: {
        id: row.id,
        webhookSecretSealed: row.webhookSecretSealed,
        webhookSecretLegacy: row.webhookSecretLegacy,
      },
      data: webhookSecretColumns(row.id, openWebhookSecret(row, ring), ring),
    });
    rewritten += count;
  }
  return rewritten;
}
