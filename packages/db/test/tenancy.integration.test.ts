import { afterAll, describe, expect, it } from "vitest";
import {
  authenticateUser,
  closeDb,
  ConflictError,
  createTenantWithOwner,
  createUpload,
  getDb,
  getUpload,
  NotFoundError,
  resolveApiKey,
} from "../src/index.ts";
import { seedTenant } from "./factories.ts";

afterAll(closeDb);

describe("tenant scoping", () => {
  it("answers NotFound for another tenant's upload and for an unknown id", async () => {
    const a = await seedTenant("a");
    const b = await seedTenant("b");
    const upload = await createUpload({ tenantId: a.tenantId, filename: "fw.log" });
    await expect(getUpload({ tenantId: a.tenantId, id: upload.id })).resolves.toMatchObject({
      id: upload.id,
    });
    await expect(getUpload({ tenantId: b.tenantId, id: upload.id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getUpload({ tenantId: a.tenantId, id: "nope" })).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("accounts and keys", () => {
  it("stores a password hash, never the password, and authenticates with it", async () => {
    const t = await seedTenant("auth");
    const user = await getDb().user.findUniqueOrThrow({ where: { id: t.userId } });
    expect(user.passwordHash).not.toContain("correct horse");
    const ok = await authenticateUser(user.email, "correct horse battery");
    expect(ok).toMatchObject({ userId: t.userId, tenantId: t.tenantId, role: "owner" });
    expect(await authenticateUser(user.email, "wrong password")).toBeNull();
  });

  it("refuses a second account with the same email", async () => {
    const t = await seedTenant("dup");
    const user = await getDb().user.findUniqueOrThrow({ where: { id: t.userId } });
    await expect(
      createTenantWithOwner({ name: "x", email: user.email.toUpperCase(), password: "12345678" }),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it("resolves a key to its tenant, keeps only its hash, and refuses it once revoked", async () => {
    const t = await seedTenant("key");
    const key = t.apiKey ?? "";
    expect(key).toMatch(/^mlsec_/);
    const principal = await resolveApiKey(key);
    expect(principal?.tenantId).toBe(t.tenantId);
    const row = await getDb().apiKey.findFirstOrThrow({ where: { tenantId: t.tenantId } });
    expect(row.hash).not.toBe(key);
    expect(row.lastUsedAt).not.toBeNull();
    await getDb().apiKey.update({ where: { id: row.id }, data: { revokedAt: new Date() } });
    expect(await resolveApiKey(key)).toBeNull();
    expect(await resolveApiKey("mlsec_unknown")).toBeNull();
  });
});
