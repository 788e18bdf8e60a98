import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import {
  closeDb,
  getDb,
  getTenant,
  openSecret,
  resealWebhookSecrets,
  sealSecret,
  sealedKeyId,
  setNotificationSettings,
  type TKeyRing,
} from "../src/index.ts";
import { secretsKeyRing } from "../src/sealed-secrets.ts";
import { seedTenant } from "./factories.ts";

/** The tenant's whole row as PostgreSQL stores it, every column as text. */
async function rawTenantRow(tenantId: string): Promise<string> {
  const rows = await getDb().$queryRaw<{ row: string }[]>`
    SELECT row_to_json(t)::text AS row FROM "Tenant" t WHERE id = ${tenantId}`;
  return rows[0]?.row ?? "";
}

async function rawSecretColumns(tenantId: string) {
  const rows = await getDb().$queryRaw<{ sealed: string | null; legacy: string | null }[]>`
    SELECT "webhookSecretSealed" AS sealed, "webhookSecretLegacy" AS legacy FROM "Tenant" WHERE id = ${tenantId}`;
  return rows[0];
}

afterAll(closeDb);

const newKey = (id: string) => ({ id, key: randomBytes(32) });
const hook = { webhookUrl: "https://hooks.example.com/mlsec", notifyEmail: null };

describe("webhook secrets at rest", () => {
  it("stores the secret sealed, never in plaintext, and the app reads it back", async () => {
    const t = await seedTenant("sealed");
    const secret = `whsec-${randomBytes(12).toString("hex")}`;
    await setNotificationSettings({ tenantId: t.tenantId, ...hook, webhookSecret: secret });
    const raw = await rawTenantRow(t.tenantId);
    expect(raw).toContain(t.tenantId);
    expect(raw).not.toContain(secret);
    const cols = await rawSecretColumns(t.tenantId);
    expect(cols?.legacy).toBeNull();
    expect(cols?.sealed).toMatch(/^v1\.dev-not-for-production\.[\w-]{16}\.[\w-]{22,}$/);
    expect((await getTenant(t.tenantId))?.webhookSecret).toBe(secret);
    // Sealing twice gives two different values (a fresh IV each time).
    await setNotificationSettings({ tenantId: t.tenantId, ...hook, webhookSecret: secret });
    expect((await rawSecretColumns(t.tenantId))?.sealed).not.toBe(cols?.sealed);
    await setNotificationSettings({
      tenantId: t.tenantId,
      webhookUrl: null,
      webhookSecret: null,
      notifyEmail: null,
    });
    expect(await rawSecretColumns(t.tenantId)).toEqual({ sealed: null, legacy: null });
    expect((await getTenant(t.tenantId))?.webhookSecret).toBeNull();
  });

  it("keeps a secret stored before sealing readable, and seals it on the next write or by reseal", async () => {
    const a = await seedTenant("legacy-a");
    const b = await seedTenant("legacy-b");
    // What the migration leaves: a plaintext secret moved to the legacy column.
    for (const t of [a, b])
      await getDb().$executeRaw`
        UPDATE "Tenant" SET "webhookUrl" = ${hook.webhookUrl}, "webhookSecretLegacy" = ${`old-${t.tenantId}`}
        WHERE id = ${t.tenantId}`;
    expect((await getTenant(a.tenantId))?.webhookSecret).toBe(`old-${a.tenantId}`);

    await setNotificationSettings({ tenantId: a.tenantId, ...hook, webhookSecret: `old-${a.tenantId}` });
    expect((await rawSecretColumns(a.tenantId))?.legacy).toBeNull();

    expect(await resealWebhookSecrets(undefined, { tenantIds: [a.tenantId, b.tenantId] })).toBe(1);
    const cols = await rawSecretColumns(b.tenantId);
    expect(cols?.legacy).toBeNull();
    expect(cols?.sealed).toMatch(/^v1\./);
    expect(await rawTenantRow(b.tenantId)).not.toContain(`old-${b.tenantId}`);
    expect((await getTenant(b.tenantId))?.webhookSecret).toBe(`old-${b.tenantId}`);
  });

  it("rotates: reseal moves every secret to the new first key, after which the old key can go", async () => {
    const t = await seedTenant("rotate");
    await setNotificationSettings({ tenantId: t.tenantId, ...hook, webhookSecret: "rotate-me-please" });
    const old = secretsKeyRing();
    const next = newKey("k-next");
    const ring: TKeyRing = [next, ...old];
    expect(await resealWebhookSecrets(ring, { tenantIds: [t.tenantId] })).toBe(1);
    const sealed = (await rawSecretColumns(t.tenantId))?.sealed ?? "";
    expect(sealedKeyId(sealed)).toBe("k-next");
    expect(openSecret(sealed, `Tenant.webhookSecret:${t.tenantId}`, [next])).toBe("rotate-me-please");
    expect(() => openSecret(sealed, `Tenant.webhookSecret:${t.tenantId}`, old)).toThrow(/k-next.*not in/);
    // Reseal under the new ring again rewrites nothing of this tenant.
    expect(await resealWebhookSecrets(ring, { tenantIds: [t.tenantId] })).toBe(0);
    expect((await rawSecretColumns(t.tenantId))?.sealed).toBe(sealed);
    // Put the tenant back under the process's key so getTenant opens it in later tests.
    await setNotificationSettings({ tenantId: t.tenantId, ...hook, webhookSecret: "rotate-me-please" });
  });

  it("refuses tampered values, another tenant's sealed value, and plaintext in the sealed column", async () => {
    const a = await seedTenant("aad-a");
    const b = await seedTenant("aad-b");
    await setNotificationSettings({ tenantId: a.tenantId, ...hook, webhookSecret: "a-secret-value" });
    const sealed = (await rawSecretColumns(a.tenantId))?.sealed ?? "";
    // A value copied into another tenant's row does not open there (the tenant id is associated data).
    await getDb().$executeRaw`UPDATE "Tenant" SET "webhookSecretSealed" = ${sealed} WHERE id = ${b.tenantId}`;
    await expect(getTenant(b.tenantId)).rejects.toThrow(/authenticate/);
    const flipped = sealed.slice(0, -2) + (sealed.endsWith("AA") ? "BA" : "AA");
    expect(() => openSecret(flipped, `Tenant.webhookSecret:${a.tenantId}`)).toThrow();
    expect(openSecret(sealSecret("x", "ctx"), "ctx")).toBe("x");
    // The migration's CHECK constraint: plaintext never fits the sealed column.
    await expect(
      getDb()
        .$executeRaw`UPDATE "Tenant" SET "webhookSecretSealed" = 'plain-text-secret' WHERE id = ${b.tenantId}`,
    ).rejects.toThrow(/Tenant_webhookSecretSealed_is_sealed/);
    await getDb().$executeRaw`UPDATE "Tenant" SET "webhookSecretSealed" = NULL WHERE id = ${b.tenantId}`;
  });
});
