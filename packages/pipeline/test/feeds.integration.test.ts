import { afterAll, describe, expect, it } from "vitest";
import {
  addListEntry,
  closeDb,
  createFeed,
  deleteDecisions,
  recordFeedPull,
  resolveFeedToken,
  streamFingerprint,
  revokeFeed,
  rotateFeedToken,
  type TFeedSettings,
} from "@mlsec/db";
import { backfillDecisions } from "../src/backfill-decisions.ts";
import { buildBlocklist } from "../src/build-blocklist.ts";
import { crowdsecStreamBody } from "../src/crowdsec-pull.ts";
import { openFeed } from "../src/feed-selection.ts";
import { doneUploadWithReport, feedSettings, recentDay, scored } from "./report-fixtures.ts";
import { seedTenant } from "@mlsec/db/test/factories";

afterAll(closeDb);

const tenant = () => seedTenant("feed");
const day = recentDay;
const settings = (over: Partial<TFeedSettings> = {}): TFeedSettings =>
  feedSettings({ name: "edge", format: "crowdsec", ...over });

async function values(tenantId: string, over: Partial<TFeedSettings> = {}): Promise<string[]> {
  const { feed } = await createFeed({ tenantId, createdBy: "test", settings: settings(over) });
  const { decisions } = await openFeed(feed, new Date());
  const out: string[] = [];
  for await (const d of decisions()) out.push(d.value);
  return out;
}

type TStream = { new: { value: string; duration: string; scenario: string }[]; deleted: { value: string }[] };
async function pull(feed: Awaited<ReturnType<typeof createFeed>>["feed"], startup: boolean) {
  let text = "";
  let served = -1;
  for await (const chunk of crowdsecStreamBody({
    feed,
    startup,
    now: new Date(),
    done: (n) => {
      served = n;
      return Promise.resolve();
    },
  }))
    text += chunk;
  return { body: JSON.parse(text) as TStream, served };
}

describe("feeds", () => {
  it("with no filter serve exactly the blocklist's addresses, lists applied, in address order", async () => {
    const t = await tenant();
    await doneUploadWithReport(t.tenantId, day(4), [
      scored("192.0.2.1", 0.95),
      scored("192.0.2.2", 0.97),
      scored("2001:db8::5", 0.99),
      scored("198.51.100.7", 0.93),
    ]);
    await new Promise((r) => setTimeout(r, 20));
    await doneUploadWithReport(t.tenantId, day(2), [scored("192.0.2.1", 0.2), scored("192.0.2.10", 0.91)]);
    await doneUploadWithReport(t.tenantId, day(1), [scored("192.0.2.99", 0.99)], false);
    // Evidence long spent: listed by the report, valid for one half-life from a day 40 days back.
    await doneUploadWithReport(t.tenantId, day(40), [scored("203.0.113.40", 0.99)]);
    await addListEntry({ tenantId: t.tenantId, kind: "allow", value: "198.51.100.0/24", createdBy: "test" });
    await addListEntry({ tenantId: t.tenantId, kind: "block", value: "192.0.2.1", createdBy: "test" });

    const blocklist = (await buildBlocklist({ tenantId: t.tenantId })).entries.map((e) => e.scored.ip);
    const feed = await values(t.tenantId);
    expect(feed).toEqual(["192.0.2.1", "192.0.2.2", "192.0.2.10", "2001:db8::5"]);
    expect([...blocklist].sort()).toEqual([...feed].sort());
  });

  it("filter by score, bucket, family and community, and a cap keeps the highest scores", async () => {
    const t = await tenant();
    await doneUploadWithReport(t.tenantId, day(1), [
      scored("192.0.2.1", 0.95),
      scored("192.0.2.2", 0.6),
      scored("192.0.2.3", 0.3),
      { ...scored("192.0.2.4", 0.99), driver: "community" },
      scored("2001:db8::1", 0.92),
    ]);
    expect(await values(t.tenantId, { minScore: 0.5 })).toEqual([
      "192.0.2.1",
      "192.0.2.2",
      "192.0.2.4",
      "2001:db8::1",
    ]);
    expect(await values(t.tenantId, { minScore: 0, buckets: ["review"] })).toEqual(["192.0.2.2"]);
    expect(await values(t.tenantId, { family: 6 })).toEqual(["2001:db8::1"]);
    expect(await values(t.tenantId, { includeCommunity: false })).toEqual(["192.0.2.1", "2001:db8::1"]);
    expect(await values(t.tenantId, { maxEntries: 2 })).toEqual(["192.0.2.1", "192.0.2.4"]);
  });

  it("aggregate adjacent addresses into the fewest CIDRs covering exactly them", async () => {
    const t = await tenant();
    await doneUploadWithReport(
      t.tenantId,
      day(1),
      ["192.0.2.4", "192.0.2.5", "192.0.2.6", "192.0.2.7", "192.0.2.9"].map((ip) => scored(ip, 0.95)),
    );
    expect(await values(t.tenantId, { aggregate: true })).toEqual(["192.0.2.4/30", "192.0.2.9"]);
  });

  it("give a stream consumer everything at startup, then only what changed", async () => {
    const t = await tenant();
    await doneUploadWithReport(t.tenantId, day(1), [scored("192.0.2.1", 0.95), scored("192.0.2.2", 0.97)]);
    const { feed } = await createFeed({ tenantId: t.tenantId, createdBy: "test", settings: settings() });
    const first = await pull(feed, true);
    expect(first.body.new.map((d) => d.value)).toEqual(["192.0.2.1", "192.0.2.2"]);
    expect(first.body.deleted).toEqual([]);
    expect(first.served).toBe(2);
    expect(first.body.new[0]?.scenario).toBe("mlsec/neighbourhood");
    expect(first.body.new[0]?.duration).toMatch(/^\d+h\d+m\d+s$/);
    expect((await pull(feed, false)).body).toEqual({ new: [], deleted: [] });
    // Counting pulls writes the feed row; the next poll must still know nothing changed.
    await recordFeedPull({ feedId: feed.id, from: "test", entries: 0 });
    expect(await streamFingerprint(feed.id)).not.toBeNull();
    expect((await pull(feed, false)).body).toEqual({ new: [], deleted: [] });

    // A false positive (allow entry) leaves; a newly scored address arrives.
    await addListEntry({ tenantId: t.tenantId, kind: "allow", value: "192.0.2.2", createdBy: "test" });
    await doneUploadWithReport(t.tenantId, day(0), [scored("192.0.2.3", 0.99)]);
    const next = await pull(feed, false);
    expect(next.body.new.map((d) => d.value)).toEqual(["192.0.2.3"]);
    expect(next.body.deleted.map((d) => d.value)).toEqual(["192.0.2.2"]);
    expect((await pull(feed, false)).body).toEqual({ new: [], deleted: [] });
    // startup again: the full set, as a restarted bouncer needs.
    expect((await pull(feed, true)).body.new.map((d) => d.value)).toEqual(["192.0.2.1", "192.0.2.3"]);
  });

  it("record nothing of a startup the bouncer hung up on, so its next poll sends everything again", async () => {
    const t = await tenant();
    const ips = Array.from({ length: 3000 }, (_, i) => `10.${(i >> 8) & 255}.${i & 255}.1`);
    await doneUploadWithReport(
      t.tenantId,
      day(1),
      ips.map((ip) => scored(ip, 0.95)),
    );
    const { feed } = await createFeed({ tenantId: t.tenantId, createdBy: "test", settings: settings() });
    const body = crowdsecStreamBody({ feed, startup: true, now: new Date(), done: () => Promise.resolve() });
    expect((await body.next()).done).toBe(false);
    await body.return(undefined);
    const next = await pull(feed, false);
    expect(next.body.new).toHaveLength(ips.length);
    expect((await pull(feed, false)).body).toEqual({ new: [], deleted: [] });
  });

  it("tokens read their own feed; rotated and revoked ones read nothing", async () => {
    const a = await tenant();
    const b = await tenant();
    const fa = await createFeed({ tenantId: a.tenantId, createdBy: "test", settings: settings() });
    const fb = await createFeed({ tenantId: b.tenantId, createdBy: "test", settings: settings() });
    expect((await resolveFeedToken(fa.token))?.tenantId).toBe(a.tenantId);
    expect((await resolveFeedToken(fb.token))?.id).toBe(fb.feed.id);
    await expect(revokeFeed({ tenantId: a.tenantId, id: fb.feed.id })).rejects.toThrow(/not found/i);
    const rotated = await rotateFeedToken({ tenantId: a.tenantId, id: fa.feed.id });
    expect(await resolveFeedToken(fa.token)).toBeNull();
    expect((await resolveFeedToken(rotated))?.id).toBe(fa.feed.id);
    await revokeFeed({ tenantId: a.tenantId, id: fa.feed.id });
    expect(await resolveFeedToken(rotated)).toBeNull();
    expect(await resolveFeedToken("mlsec_not_a_feed_token")).toBeNull();
  });
});

describe("backfillDecisions", () => {
  it("lists the done reports of tenants without decisions, newest report winning, and leaves others alone", async () => {
    const t = await tenant();
    await doneUploadWithReport(t.tenantId, day(3), [scored("192.0.2.1", 0.95), scored("192.0.2.2", 0.97)]);
    await new Promise((r) => setTimeout(r, 20));
    await doneUploadWithReport(t.tenantId, day(1), [scored("192.0.2.1", 0.1), scored("192.0.2.3", 0.99)]);
    const expected = await values(t.tenantId);
    expect(expected).toEqual(["192.0.2.2", "192.0.2.3"]);
    // As a tenant whose reports were made before the Decision table existed.
    await deleteDecisions(t.tenantId);
    expect(await values(t.tenantId)).toEqual([]);
    const run = await backfillDecisions();
    expect(run.tenants).toBeGreaterThanOrEqual(1);
    expect(await values(t.tenantId)).toEqual(expected);
    // A second run finds nothing of this tenant's to do.
    const again = await backfillDecisions();
    expect(again.rows).toBeLessThan(run.rows);
    expect(await values(t.tenantId)).toEqual(expected);
  });
});
