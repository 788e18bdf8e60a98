import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb, getTenant } from "@mlsec/db";
import { seedTenant } from "@mlsec/db/test/factories";

const ROOT = join(import.meta.dirname, "..", "..", "..");
// Through env(1), so the child inherits this environment with `vars` on top.
const mlsec = (vars: string[], ...args: string[]) =>
  spawnSync("env", [...vars, process.execPath, join(ROOT, "apps/cli/bin/mlsec.js"), "admin", ...args], {
    encoding: "utf8",
    cwd: ROOT,
  });

afterAll(closeDb);

describe("mlsec admin reseal-secrets", () => {
  it("seals a plaintext secret left from before sealing; the tenant still reads it", async () => {
    const t = await seedTenant("reseal-cli");
    const secret = `pre-sealing-${randomBytes(8).toString("hex")}`;
    await getDb().$executeRaw`UPDATE "Tenant" SET "webhookSecretLegacy" = ${secret} WHERE id = ${t.tenantId}`;
    const run = mlsec([], "reseal-secrets", "--tenant", t.tenantId);
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ resealed: 1 });
    const raw = await getDb().$queryRaw<{ row: string }[]>`
      SELECT row_to_json(t)::text AS row FROM "Tenant" t WHERE id = ${t.tenantId}`;
    expect(raw[0]?.row).not.toContain(secret);
    expect((await getTenant(t.tenantId))?.webhookSecret).toBe(secret);
    expect(JSON.parse(mlsec([], "reseal-secrets", "--tenant", t.tenantId).stdout)).toEqual({ resealed: 0 });
  });

  it("refuses to run in production without a key of its own", () => {
    const run = mlsec(["-u", "SECRETS_ENCRYPTION_KEYS", "NODE_ENV=production"], "reseal-secrets");
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("the built-in development key is refused when NODE_ENV=production");
  });
});
