import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb, registerModel, resolveApiKey } from "@mlsec/db";

const ROOT = join(import.meta.dirname, "..", "..", "..");
const mlsec = (...args: string[]) =>
  spawnSync(process.execPath, [join(ROOT, "apps/cli/bin/mlsec.js"), "admin", ...args], {
    encoding: "utf8",
    cwd: ROOT,
  });

afterAll(closeDb);

describe("mlsec admin", () => {
  it("creates a tenant whose key works, once; refuses a duplicate email", async () => {
    const email = `admin-${randomUUID()}@example.test`;
    const run = mlsec("create-tenant", "--name", "Acme", "--email", email, "--password", "long-enough");
    expect(run.status, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as { tenantId: string; userId: string; apiKey: string };
    expect(Object.keys(out).sort()).toEqual(["apiKey", "tenantId", "userId"]);
    expect((await resolveApiKey(out.apiKey))?.tenantId).toBe(out.tenantId);
    expect(await getDb().apiKey.count({ where: { hash: out.apiKey } })).toBe(0);
    const again = mlsec("create-tenant", "--name", "Acme", "--email", email, "--password", "long-enough");
    expect(again.status).toBe(1);
    expect(again.stderr).toContain("already exists");
  });

  it("stores a tenant's behaviour rules and refuses invalid ones", async () => {
    const created = mlsec(
      "create-tenant",
      "--name",
      "R",
      "--email",
      `r-${randomUUID()}@example.test`,
      "--password",
      "long-enough",
    );
    const { tenantId } = JSON.parse(created.stdout) as { tenantId: string };
    const dir = mkdtempSync(join(tmpdir(), "mlsec-admin-"));
    writeFileSync(
      join(dir, "rules.json"),
      JSON.stringify([{ name: "rdp", kind: "watched-ports", ports: [3389] }]),
    );
    writeFileSync(
      join(dir, "bad.json"),
      JSON.stringify([{ name: "rdp", kind: "watched-ports", ports: [70000] }]),
    );
    const ok = mlsec("set-rules", "--tenant", tenantId, "--file", join(dir, "rules.json"));
    expect(ok.status, ok.stderr).toBe(0);
    const tenant = await getDb().tenant.findUniqueOrThrow({ where: { id: tenantId } });
    expect(tenant.clusterRules).toEqual([{ name: "rdp", kind: "watched-ports", ports: [3389] }]);
    expect(mlsec("set-rules", "--tenant", tenantId, "--file", join(dir, "bad.json")).status).toBe(2);
    expect(mlsec("set-rules", "--tenant", tenantId, "--defaults").status).toBe(0);
    expect((await getDb().tenant.findUniqueOrThrow({ where: { id: tenantId } })).clusterRules).toBeNull();
    expect(mlsec("set-triage", "--tenant", tenantId, "--block", "0.8", "--review", "0.4").status).toBe(0);
    const t = await getDb().tenant.findUniqueOrThrow({ where: { id: tenantId } });
    expect([t.triageBlock, t.triageReview]).toEqual([0.8, 0.4]);
    expect(mlsec("set-triage", "--tenant", tenantId, "--block", "0.3", "--review", "0.4").status).toBe(2);
  });

  it("lists model versions and rolls back to one", async () => {
    const created = mlsec(
      "create-tenant",
      "--name",
      "M",
      "--email",
      `m-${randomUUID()}@example.test`,
      "--password",
      "long-enough",
    );
    const { tenantId } = JSON.parse(created.stdout) as { tenantId: string };
    await registerModel({ tenantId, s3Key: "a", metrics: { auc: 0.9 }, promote: true });
    await registerModel({ tenantId, s3Key: "b", metrics: { auc: 0.92 }, promote: true });
    const back = mlsec("activate-model", "--tenant", tenantId, "--version", "1");
    expect(back.status, back.stderr).toBe(0);
    const list = JSON.parse(mlsec("list-models", "--tenant", tenantId).stdout) as {
      version: number;
      status: string;
    }[];
    expect(list.map((m) => `${m.version}:${m.status}`)).toEqual(["2:retired", "1:active"]);
    expect(mlsec("activate-model", "--tenant", tenantId, "--version", "9").status).toBe(1);
  });
});
