import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TReport } from "@mlsec/core/report";
import { closeDb, getActiveModel } from "@mlsec/db";
import { seedTenant } from "@mlsec/db/test/factories";
import { buildBlocklist } from "../src/build-blocklist.ts";
import { loadIpProvenance } from "../src/ip-provenance.ts";
import { recordFeedback } from "../src/record-feedback.ts";
import { recentSample, runUploadChain } from "./upload-chain.ts";

let tenant: Awaited<ReturnType<typeof seedTenant>>;
let chain: { uploadId: string; reportId: string; report: TReport };

beforeAll(async () => {
  tenant = await seedTenant("prov");
  // The sample's days moved to the last three weeks: listings are valid for a few half-lives only.
  chain = await runUploadChain(tenant.tenantId, recentSample(), "ufw.log");
}, 300_000);
afterAll(closeDb);

const noRetrain = () => Promise.resolve();

describe("loadIpProvenance after ingest, rank, train and report (PostgreSQL, S3)", () => {
  it("names the report, model, clusters and contributions of a listed address", async () => {
    const listed = (await buildBlocklist({ tenantId: tenant.tenantId })).entries[0]?.scored;
    expect(listed).toBeDefined();
    const ip = listed?.ip ?? "";
    const why = await loadIpProvenance({ tenantId: tenant.tenantId, ip });
    const active = await getActiveModel(tenant.tenantId);
    expect(active).not.toBeNull();
    expect(why?.listing).toMatchObject({
      reportId: chain.reportId,
      uploadId: chain.uploadId,
      asOf: chain.report.asOf,
      model: { id: active?.id, version: chain.report.model?.version, status: "active" },
      score: listed?.score,
      reasons: listed?.reasons,
    });
    expect(why?.blocklist).toEqual({ listed: true, threshold: 0.9, notListed: [] });
    // Every feature of the report's row lands in exactly one group, own rank columns with the address.
    const c = why?.listing?.contributions;
    expect({ ...c?.own, ...c?.neighbourhood, ...c?.community }).toEqual(listed?.features);
    expect(Object.keys(c?.own ?? {}).some((n) => n.startsWith("ip:"))).toBe(true);
    expect(Object.keys(c?.neighbourhood ?? {}).some((n) => n.startsWith("net1:"))).toBe(true);
    // First and last seen bracket its days; each cluster's days are days it was seen on.
    const seen = why?.seen;
    expect(seen?.daysActive).toBe(why?.days.length);
    expect(seen && seen.firstSeen <= seen.lastSeen).toBe(true);
    expect(why?.days.at(-1)?.day).toBe(seen?.firstSeen.slice(0, 10));
    expect(why?.days[0]?.day).toBe(seen?.lastSeen.slice(0, 10));
    for (const cluster of why?.clusters ?? [])
      for (const day of cluster.days)
        expect(why?.days.find((d) => d.day === day)?.clusters).toContain(cluster.cluster);
    expect(why?.neighbourhood.network).toMatch(/\/24$/);
    expect(why?.verdicts).toEqual([]);
  });

  it("says a low score is below the threshold", async () => {
    const low = chain.report.ips.find((s) => s.score < 0.5);
    expect(low).toBeDefined();
    const why = await loadIpProvenance({ tenantId: tenant.tenantId, ip: low?.ip ?? "" });
    expect(why?.blocklist.listed).toBe(false);
    expect(why?.blocklist.notListed.map((r) => r.code)).toContain("below-threshold");
  });

  it("after a false-positive verdict: not listed, allow-listed until the entry's expiry, the verdict with who gave it", async () => {
    const entries = (await buildBlocklist({ tenantId: tenant.tenantId })).entries;
    const ip = entries.at(-1)?.scored.ip ?? "";
    const given = await recordFeedback({
      tenantId: tenant.tenantId,
      actor: { userId: tenant.userId },
      items: [{ ip, verdict: "benign", note: "our scanner", reportId: chain.reportId }],
      queueRetrain: noRetrain,
    });
    const verdict = given.verdicts[0];
    const expiresAt = verdict?.allowListed?.expiresAt.toISOString() ?? null;
    const why = await loadIpProvenance({ tenantId: tenant.tenantId, ip });
    expect(why?.blocklist.listed).toBe(false);
    expect(why?.blocklist.notListed).toContainEqual(
      expect.objectContaining({ code: "allow-listed", entryId: verdict?.allowListed?.id, expiresAt }),
    );
    expect(why?.listEntries).toEqual([
      expect.objectContaining({
        kind: "allow",
        value: ip,
        active: true,
        decides: true,
        verdictId: verdict?.id,
      }),
    ]);
    expect(why?.verdicts).toEqual([
      expect.objectContaining({
        id: verdict?.id,
        verdict: "benign",
        note: "our scanner",
        reportId: chain.reportId,
      }),
    ]);
    expect(why?.verdicts[0]?.by).toMatchObject({ userId: tenant.userId, apiKeyId: null });
    expect(why?.verdicts[0]?.by.name).toMatch(/^prov-.*@example\.test$/);
  });

  it("knows nothing of an address the tenant never saw, nor of another tenant's", async () => {
    const other = await seedTenant("prov-other");
    const ip = chain.report.ips[0]?.ip ?? "";
    expect(await loadIpProvenance({ tenantId: other.tenantId, ip })).toBeNull();
    expect(await loadIpProvenance({ tenantId: tenant.tenantId, ip: "192.0.2.254" })).toBeNull();
    expect(await loadIpProvenance({ tenantId: tenant.tenantId, ip: "not an address" })).toBeNull();
  });
});
