import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { communityFeaturesFor } from "@mlsec/core/community";
import { scoreIps } from "@mlsec/core/pipeline";
import { COMMUNITY_FEATURE_NAMES, computeRanks, DEFAULT_CLUSTERS } from "@mlsec/core/rank";
import { ZTrainedModel } from "@mlsec/core/train";
import { getJson } from "@mlsec/storage";
import type { TIpDayRollup } from "@mlsec/core/rollup";
import {
  closeDb,
  createTenantWithOwner,
  getCommunitySetting,
  getDb,
  latestCommunityRun,
  readPool,
  replaceRollups,
  setCommunityContribution,
} from "@mlsec/db";
import { refreshCommunity } from "../src/community-refresh.ts";
import { ZCommunitySummary } from "../src/community-summary.ts";
import { tenantCommunityView } from "../src/community-pool.ts";
import { trainTenantModel } from "../src/train-tenant-model.ts";
import { holdCommunityPool, POOL_WAIT_MS } from "../../../test/community-pool-lock.ts";

// Reads or writes the cross-tenant community pool: takes turns with the others (test/community-pool-lock.ts).
beforeAll(holdCommunityPool, POOL_WAIT_MS);

const AS_OF = "2026-03-10";
const W1 = 2 ** (-1 / 6);
// The pool is shared by every test run: fresh random public addresses keep runs apart.
const octet = () => 1 + Math.floor(Math.random() * 250);
const freshIp = () => `45.${octet()}.${octet()}.${octet()}`;

function bad(day: string, ip: string): TIpDayRollup {
  return {
    day,
    ip,
    events: 3,
    distinctPorts: 1,
    ports: { "22": 3 },
    blockedPorts: { "22": 3 },
    protocols: { tcp: 3 },
    actions: { block: 3 },
    firstSeen: `${day}T01:00:00.000Z`,
    lastSeen: `${day}T02:00:00.000Z`,
  };
}

function allowed(day: string, ip: string): TIpDayRollup {
  return { ...bad(day, ip), ports: { "443": 3 }, blockedPorts: {}, actions: { allow: 3 } };
}

const tenants: string[] = [];
async function tenant(contribute: boolean, rollups: TIpDayRollup[]) {
  const id = randomUUID().slice(0, 8);
  const { tenantId } = await createTenantWithOwner({
    name: `cm-${id}`,
    email: `cm-${id}@example.test`,
    password: "correct horse battery",
  });
  tenants.push(tenantId);
  if (rollups.length) await replaceRollups({ tenantId, sourceKey: randomUUID(), rollups });
  if (contribute) await setCommunityContribution({ tenantId, contribute: true });
  return tenantId;
}

afterAll(async () => {
  // Withdraw consent: the pool keeps nothing of these tenants for the next run.
  for (const tenantId of tenants) await setCommunityContribution({ tenantId, contribute: false });
  // The feeds this test imported (as of the day before AS_OF) would give other tests' models
  // community columns: the pool is global.
  await getDb().communityContribution.deleteMany({
    where: { contributorId: { startsWith: "feed:" }, day: new Date("2026-03-09T00:00:00Z") },
  });
  await closeDb();
});

describe("community intelligence (PostgreSQL)", () => {
  it("admits an IP at k = 3 tenants, not 2; a non-contributor gets features and gives nothing", async () => {
    const byTwo = freshIp();
    const byThree = freshIp();
    const onlyD = freshIp();
    const day = "2026-03-09";
    const a = await tenant(true, [bad(day, byTwo), bad(day, byThree)]);
    const b = await tenant(true, [bad(day, byTwo), bad(day, byThree)]);
    await tenant(true, [bad(day, byThree), allowed(day, freshIp())]);
    const d = await tenant(false, [bad(day, onlyD), bad(day, byThree)]);
    expect(await getCommunitySetting(d)).toEqual({ contribute: false, contributorId: null });

    const summary = await refreshCommunity({ asOf: AS_OF });
    expect(summary.imported.map((f) => f.id)).toEqual(["ipsum", "tor-exits"]);
    const run = await latestCommunityRun();
    expect(run?.asOf.toISOString().slice(0, 10)).toBe(AS_OF);
    // What the portal reads back from the row fits its schema and holds what the job returned
    // (PostgreSQL's jsonb keeps 15 significant digits, so the counts are compared, not every float).
    const stored = ZCommunitySummary.parse(run?.summary);
    expect(stored.view).toEqual(summary.view);
    expect(stored.top.map((t) => t.key)).toEqual(summary.top.map((t) => t.key));
    expect(stored.feeds.sources.map((f) => f.name)).toEqual(summary.feeds.sources.map((f) => f.name));

    // The global community view: three tenants' IP is in, two tenants' IP is not.
    const global = await tenantCommunityView({ tenantId: null, asOf: AS_OF });
    expect(global?.ips.get(byThree)).toEqual({ rank: 3 * W1, reporters: 3 });
    expect(global?.ips.has(byTwo)).toBe(false);
    expect(summary.top.some((t) => t.key === byTwo)).toBe(false);

    // D contributes nothing: none of its sightings is in the pool, under any pseudonym...
    const pooled = new Set<string>();
    for await (const r of readPool({ from: "2026-01-01", before: AS_OF }))
      if (r.day === day) pooled.add(r.ip);
    expect(pooled.has(byThree)).toBe(true);
    expect(pooled.has(onlyD)).toBe(false);
    // ...yet gets the community features: its own sighting of byThree is not what makes them.
    const viewD = await tenantCommunityView({ tenantId: d, asOf: AS_OF });
    const xD = communityFeaturesFor(viewD, byThree);
    expect(xD[0]).toBeCloseTo(3 * W1, 12);
    expect(xD[4]).toBe(3);
    expect(communityFeaturesFor(viewD, onlyD)[0]).toBe(0);

    // A contributor's view is the community minus itself: for A only B and C saw byThree (< k).
    const viewA = await tenantCommunityView({ tenantId: a, asOf: AS_OF });
    expect(communityFeaturesFor(viewA, byThree)[0]).toBe(0);

    // A tenant with no history at all scores on the community features alone.
    const fresh = await tenant(false, []);
    const [scored] = scoreIps({
      snapshot: computeRanks([], { asOf: AS_OF }),
      ips: { [byThree]: 1 },
      model: null,
      predictor: null,
      community: await tenantCommunityView({ tenantId: fresh, asOf: AS_OF }),
    });
    expect(scored?.score).toBeGreaterThan(0.5);
    expect(scored?.driver).toBe("community");

    // Withdrawing consent removes the tenant's rows at once, and the IP drops below k again.
    await setCommunityContribution({ tenantId: b, contribute: false });
    const after = await tenantCommunityView({ tenantId: null, asOf: AS_OF });
    expect(after?.ips.has(byThree)).toBe(false);
    const left = await getDb().communityContribution.count({
      where: { contributorId: (await getCommunitySetting(b)).contributorId ?? "" },
    });
    expect(left).toBe(0);
  });

  it("trains a contributor's model with the community columns appended", async () => {
    const days = [
      "2026-03-03",
      "2026-03-04",
      "2026-03-05",
      "2026-03-06",
      "2026-03-07",
      "2026-03-08",
      "2026-03-09",
    ];
    const attackers = Array.from({ length: 14 }, freshIp);
    const own = days.flatMap((day, i) => [
      ...attackers.slice(i, i + 8).map((ip) => bad(day, ip)),
      ...Array.from({ length: 6 }, () => allowed(day, `8.8.${octet()}.${octet()}`)),
    ]);
    const me = await tenant(true, own);
    for (let k = 0; k < 3; k++)
      await tenant(
        true,
        attackers.map((ip) => bad("2026-03-01", ip)),
      );
    await refreshCommunity({ asOf: AS_OF });
    const result = await trainTenantModel({
      tenantId: me,
      asOf: AS_OF,
      decay: { kind: "exponential", halfLifeDays: 6, horizonDays: 90 },
      clusters: DEFAULT_CLUSTERS,
    });
    expect(result.trained).toBe(true);
    const model = await getDb().model.findFirstOrThrow({
      where: { tenantId: me },
      orderBy: { version: "desc" },
    });
    const names = ZTrainedModel.parse(await getJson(model.s3Key)).featureNames;
    expect(names.slice(-COMMUNITY_FEATURE_NAMES.length)).toEqual([...COMMUNITY_FEATURE_NAMES]);
  });
});
