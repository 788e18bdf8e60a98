import { afterAll, describe, expect, it } from "vitest";
import { closeDb, createFeed, listAudit, recordFeedPull, type TFeedSettings } from "../src/index.ts";
import { seedTenant } from "./factories.ts";

afterAll(closeDb);

const SETTINGS: TFeedSettings = {
  name: "audited",
  format: "edl",
  minScore: null,
  buckets: [],
  includeCommunity: false,
  family: null,
  aggregate: false,
  maxEntries: 1000,
  pageSize: null,
};

describe("feed pulls in the audit log", () => {
  it("audits the first pull of each hour per feed, with who pulled and how much", async () => {
    const t = await seedTenant("pull-audit");
    const a = await createFeed({ tenantId: t.tenantId, createdBy: t.userId, settings: SETTINGS });
    const b = await createFeed({
      tenantId: t.tenantId,
      createdBy: t.userId,
      settings: { ...SETTINGS, name: "b" },
    });
    const t0 = Date.UTC(2026, 11, 1, 10, 0, 0);
    const at = (minutes: number) => new Date(t0 + minutes * 60_000);
    // A bouncer polling every 10 minutes for 70 minutes: 8 pulls, audited at 0 and an hour later, at 60.
    for (let m = 0; m <= 70; m += 10)
      await recordFeedPull({ feedId: a.feed.id, from: "203.0.113.7", entries: 100 + m, at: at(m) });
    await recordFeedPull({ feedId: b.feed.id, from: "198.51.100.9", entries: 5, at: at(5) });

    const rows = await listAudit({ tenantId: t.tenantId, action: "feed.pull" });
    const ofA = rows.filter((r) => r.target === a.feed.id).reverse();
    expect(ofA.map((r) => r.createdAt.toISOString())).toEqual([at(0).toISOString(), at(60).toISOString()]);
    expect(ofA[0]).toMatchObject({
      actor: `feed:${a.feed.id}`,
      detail: { from: "203.0.113.7", entries: 100, pulls: 1 },
    });
    expect(ofA[1]?.detail).toEqual({ from: "203.0.113.7", entries: 160, pulls: 7 });
    expect(rows.filter((r) => r.target === b.feed.id)).toHaveLength(1);
  });
});
