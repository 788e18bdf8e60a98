import { createHash, randomBytes } from "node:crypto";
import { getDb } from "./client.ts";
import { withTenant } from "./with-tenant.ts";

/** "export": the whole tenant as JSON Lines (GET /api/v1/tenant/export), e.g. for a nightly copy. */
export const API_KEY_SCOPES = ["upload", "read", "feedback", "export"] as const;
export type TApiKeyScope = (typeof API_KEY_SCOPES)[number];

const hashKey = (key: string): string => createHash("sha256").update(key).digest("hex");

/** Creates a key; the plain key is returned once and only its SHA-256 is stored. */
export async function createApiKey(opts: { tenantId: string; name: string; scopes: TApiKeyScope[] }) {
  return withTenant(opts.tenantId, async (tx) => {
    const key = `mlsec_${randomBytes(24).toString("base64url")}`;
    const row = await tx.apiKey.create({
      data: {
        tenantId: opts.tenantId,
        name: opts.name,
        prefix: key.slice(0, 12),
        hash: hashKey(key),
        scopes: opts.scopes,
      },
    });
    return { id: row.id, key };
  });
}

export type TApiPrincipal = { tenantId: string; keyId: string; scopes: string[] };

/** Resolves a bearer key to its tenant; revoked or unknown keys resolve to null. */
export async function resolveApiKey(key: string): Promise<TApiPrincipal | null> {
  const db = getDb();
  const row = await db.apiKey.findUnique({ where: { hash: hashKey(key) } });
  if (!row || row.revokedAt) return null;
  await db.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  return { tenantId: row.tenantId, keyId: row.id, scopes: row.scopes };
}
