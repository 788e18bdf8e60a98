import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addListEntry,
  closeDb,
  createFeed,
  createInvitation,
  getDb,
  recordAudit,
  recordVerdict,
  setCommunityContribution,
  setNotificationSettings,
  tenantRowCounts,
  tenantTables,
} from "@mlsec/db";
import { seedTenant } from "@mlsec/db/test/factories";
import { listKeys, putJson, tenantPrefix } from "@mlsec/storage";
import { eraseTenant, exportTenant } from "../src/tenant-lifecycle.ts";
import { recentSample, runUploadChain } from "./upload-chain.ts";
import { holdCommunityPool, POOL_WAIT_MS } from "../../../test/community-pool-lock.ts";

// Reads or writes the cross-tenant community pool: takes turns with the others (test/community-pool-lock.ts).
beforeAll(holdCommunityPool, POOL_WAIT_MS);

afterAll(async () => {
  await closeDb();
});

const objectsOf = async (tenantId: string): Promise<string[]> => {
  const keys: string[] = [];
  for await (const page of listKeys(tenantPrefix(tenantId))) keys.push(...page);
  return keys;
};

/** A tenant with a row in as many of its tables as the product makes: an upload's chain and the rest. */
async function busyTenant(label: string) {
  const t = await seedTenant(label);
  const { uploadId, report } = await runUploadChain(t.tenantId, recentSample(), "ufw.log");
  const ip = report.ips[0]?.ip ?? "192.0.2.1";
  await recordVerdict({ tenantId: t.tenantId, ip, verdict: "malicious", actor: { userId: t.userId } });
  await addListEntry({ tenantId: t.tenantId, kind: "allow", value: "198.51.100.0/24", createdBy: t.userId });
  await createInvitation({ tenantId: t.tenantId, email: `invitee-${label}@example.test`, role: "viewer" });
  await createFeed({
    tenantId: t.tenantId,
    createdBy: t.userId,
    settings: {
      name: "edge",
      format: "edl",
      minScore: null,
      buckets: ["block"],
      includeCommunity: true,
      family: null,
      aggregate: false,
      maxEntries: 1000,
      pageSize: null,
    },
  });
  await recordAudit({ tenantId: t.tenantId, actor: t.userId, action: "export" });
  await setNotificationSettings({
    tenantId: t.tenantId,
    webhookUrl: "https://hooks.example.test/mlsec",
    webhookSecret: "webhook-secret-not-for-export",
    notifyEmail: null,
  });
  const { contributorId } = await setCommunityContribution({ tenantId: t.tenantId, contribute: true });
  await getDb().communityContribution.create({
    data: { contributorId: contributorId ?? "", day: new Date("2026-12-01T00:00:00Z"), ip },
  });
  return { ...t, uploadId, contributorId: contributorId ?? "" };
}

describe("tenant lifecycle: export everything, erase everything", () => {
  it("exports every row the tenant owns as JSON Lines, without hashes or secrets", async () => {
    const t = await busyTenant("export");
    const counts = await tenantRowCounts(t.tenantId);
    const lines: { table: string; row: Record<string, unknown> }[] = [];
    let text = "";
    for await (const line of exportTenant(t.tenantId)) {
      text += line;
      lines.push(JSON.parse(line) as { table: string; row: Record<string, unknown> });
    }
    const exported = new Map<string, number>();
    for (const l of lines) exported.set(l.table, (exported.get(l.table) ?? 0) + 1);
    // Every table with tenant rows is in the export with exactly its rows, whatever tables exist.
    for (const [table, n] of Object.entries(counts)) expect(exported.get(table) ?? 0, table).toBe(n);
    for (const table of [
      "Upload",
      "Report",
      "Model",
      "IpDayRollup",
      "Decision",
      "Verdict",
      "ListEntry",
      "Feed",
    ])
      expect(counts[table], table).toBeGreaterThan(0);
    expect(exported.get("Tenant")).toBe(1);
    expect(exported.get("User")).toBe(1);
    expect(exported.get("CommunityContribution")).toBe(1);
    for (const secret of [
      "passwordHash",
      "tokenHash",
      "webhookSecretSealed",
      '"hash"',
      "webhook-secret-not-for-export",
    ])
      expect(text.includes(secret), secret).toBe(false);
  });

  it("erases the tenant's rows in every table, its S3 objects, pool rows and sole accounts, and nobody else's", async () => {
    const gone = await busyTenant("erase");
    const kept = await seedTenant("kept");
    await putJson(`${tenantPrefix(kept.tenantId)}probe.json`, { kept: true });
    expect((await objectsOf(gone.tenantId)).length).toBeGreaterThan(2);

    const result = await eraseTenant(gone.tenantId);
    expect(result.objects).toBeGreaterThan(2);

    const after = await tenantRowCounts(gone.tenantId);
    expect(Object.keys(after).sort()).toEqual((await tenantTables()).sort());
    expect(
      Object.values(after).every((n) => n === 0),
      JSON.stringify(after),
    ).toBe(true);
    expect(await getDb().tenant.count({ where: { id: gone.tenantId } })).toBe(0);
    expect(await getDb().user.count({ where: { id: gone.userId } })).toBe(0);
    expect(await getDb().communityContribution.count({ where: { contributorId: gone.contributorId } })).toBe(
      0,
    );
    expect(await objectsOf(gone.tenantId)).toEqual([]);

    expect(await objectsOf(kept.tenantId)).toEqual([`${tenantPrefix(kept.tenantId)}probe.json`]);
    expect(await getDb().user.count({ where: { id: kept.userId } })).toBe(1);
    expect((await tenantRowCounts(kept.tenantId)).Membership).toBe(1);
  });
});
