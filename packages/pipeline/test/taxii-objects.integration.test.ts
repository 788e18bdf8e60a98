import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeTaxiiCursor, type TTaxiiCursor, type TTaxiiItem } from "@mlsec/core/feeds";
import {
  addListEntry,
  closeDb,
  createFeed,
  resolveFeedToken,
  type TFeed,
  type TFeedSettings,
} from "@mlsec/db";
import { stixBundleValidator } from "../../core/test/export/stix-validator.ts";
import { openFeed } from "../src/feed-selection.ts";
import { taxiiObjectsPage, type TTaxiiObjectsPage } from "../src/taxii-objects.ts";
import { doneUploadWithReport, feedSettings, recentDay, scored } from "./report-fixtures.ts";
import { seedTenant } from "@mlsec/db/test/factories";

afterAll(closeDb);

const tenant = () => seedTenant("taxii");
const day = recentDay;
const settings = (over: Partial<TFeedSettings> = {}): TFeedSettings =>
  feedSettings({ name: "intel", format: "taxii", ...over });
const valueOf = (item: TTaxiiItem): string =>
  /value = '([^']+)'/.exec(String(item.object["pattern"]))?.[1] ?? "";
const position = (item: TTaxiiItem) => `${item.dateAdded}|${item.sortKey}`;

/** Every page of the collection, following `next` until `more` is false. */
async function walk(feed: TFeed, limit: number, addedAfter: Date | null = null) {
  const pages: TTaxiiObjectsPage[] = [];
  let cursor: TTaxiiCursor | null = null;
  for (;;) {
    const page = await taxiiObjectsPage({ feed, now: new Date(), addedAfter, limit, cursor, types: null });
    pages.push(page);
    if (!page.more) return pages;
    expect(page.next).toBeDefined();
    cursor = decodeTaxiiCursor(page.next ?? "");
    expect(cursor).not.toBeNull();
  }
}

describe("taxiiObjectsPage", () => {
  const validate = stixBundleValidator();
  let feed: TFeed;
  const served: string[] = [];

  beforeAll(async () => {
    const t = await tenant();
    // Three reports: each writes its rows in one statement, so the rows of a report share their
    // date added to the millisecond and only the sort key orders them; pages of 3 cut through them.
    await doneUploadWithReport(t.tenantId, day(3), [
      scored("192.0.2.4", 0.95),
      scored("192.0.2.5", 0.96),
      scored("192.0.2.6", 0.97),
      scored("192.0.2.7", 0.98),
      scored("198.51.100.7", 0.93),
      scored("203.0.113.9", 0.2),
      scored("2001:db8::5", 0.99),
    ]);
    await new Promise((r) => setTimeout(r, 15));
    // 192.0.2.5 listed again: its row is rewritten, so it is added again, later.
    await doneUploadWithReport(t.tenantId, day(2), [
      scored("192.0.2.5", 0.94),
      scored("192.0.2.20", 0.91),
      scored("10.1.2.3", 0.92),
      scored("2001:db8::9", 0.95),
    ]);
    await new Promise((r) => setTimeout(r, 15));
    await doneUploadWithReport(t.tenantId, day(1), [scored("192.0.2.30", 0.99), scored("192.0.2.31", 0.9)]);
    await addListEntry({ tenantId: t.tenantId, kind: "allow", value: "198.51.100.0/24", createdBy: "test" });
    feed = (await createFeed({ tenantId: t.tenantId, createdBy: "test", settings: settings() })).feed;
    const { decisions } = await openFeed(feed, new Date());
    for await (const d of decisions()) served.push(d.value);
  });

  it("walking next returns every served address once, in (date added, sort key) order, the identity first", async () => {
    expect(served).toHaveLength(10);
    expect(served).not.toContain("198.51.100.7"); // allow-listed
    expect(served).not.toContain("203.0.113.9"); // below the block threshold
    const pages = await walk(feed, 3);
    expect(pages.length).toBeGreaterThan(3);
    const items = pages.flatMap((p) => p.items);
    expect(items[0]?.object.type).toBe("identity");
    expect(items.filter((i) => i.object.type === "identity")).toHaveLength(1);
    const indicators = items.filter((i) => i.object.type === "indicator");
    const values = indicators.map(valueOf);
    expect(values).toHaveLength(served.length);
    expect(new Set(values)).toEqual(new Set(served));
    expect(values).not.toContain("198.51.100.7");
    const positions = items.map(position);
    expect(positions).toEqual([...positions].sort());
    expect(new Set(positions).size).toBe(positions.length);
    // The re-listed address comes with the second report, after the first report's rows.
    expect(values.indexOf("192.0.2.5")).toBeGreaterThan(values.indexOf("2001:db8::5"));
    expect(pages.reduce((n, p) => n + p.indicators, 0)).toBe(served.length);
    for (const p of pages) {
      expect(p.items.length).toBeLessThanOrEqual(3);
      expect(p.headers["X-TAXII-Date-Added-First"]).toBe(p.items[0]?.dateAdded);
      expect(p.headers["X-TAXII-Date-Added-Last"]).toBe(p.items.at(-1)?.dateAdded);
    }
    expect(pages.at(-1)?.more).toBe(false);
    expect(pages.at(-1)?.next).toBeUndefined();
    const bundle = { type: "bundle", id: `bundle--${randomUUID()}`, objects: items.map((i) => i.object) };
    expect(validate(bundle)).toEqual([]);
    for (const i of indicators) expect(i.object["created_by_ref"]).toBe(items[0]?.object.id);
  });

  it("added_after keeps only objects added strictly later, however they are paged", async () => {
    const all = (await walk(feed, 3)).flatMap((p) => p.items);
    const firstReport = all.find((i) => valueOf(i) === "2001:db8::5")?.dateAdded ?? "";
    expect(firstReport).not.toBe("");
    const later = all.filter((i) => i.dateAdded > firstReport).map(valueOf);
    expect(later.length).toBeGreaterThan(0);
    expect(later.length).toBeLessThan(served.length);
    for (const limit of [2, 100]) {
      const pages = await walk(feed, limit, new Date(firstReport));
      const items = pages.flatMap((p) => p.items);
      expect(items.every((i) => i.dateAdded > firstReport)).toBe(true);
      expect(items.map(valueOf)).toEqual(later);
    }
    // A page's last date added as added_after (how a poller resumes) returns what follows that instant.
    const lastPage = await walk(feed, 100, new Date(all.at(-1)?.dateAdded ?? ""));
    expect(lastPage.flatMap((p) => p.items)).toEqual([]);
    expect(lastPage[0]?.headers).toEqual({});
  });

  it("match[type] selects the identity or the indicators", async () => {
    const only = async (types: string[]) =>
      (await taxiiObjectsPage({ feed, now: new Date(), addedAfter: null, limit: 100, cursor: null, types }))
        .items;
    expect((await only(["identity"])).map((i) => i.object.type)).toEqual(["identity"]);
    expect((await only(["indicator"])).map(valueOf).sort()).toEqual([...served].sort());
    expect(await only(["malware"])).toEqual([]);
  });

  it("serves single addresses even for an aggregating feed", async () => {
    const aggregating = (
      await createFeed({
        tenantId: feed.tenantId,
        createdBy: "test",
        settings: settings({ aggregate: true }),
      })
    ).feed;
    const values = (await walk(aggregating, 100)).flatMap((p) =>
      p.items.filter((i) => i.object.type === "indicator"),
    );
    expect(new Set(values.map(valueOf))).toEqual(new Set(served));
  });

  it("another tenant's feed token sees none of it", async () => {
    const other = await tenant();
    await doneUploadWithReport(other.tenantId, day(1), [scored("192.0.2.200", 0.97)]);
    const { token } = await createFeed({ tenantId: other.tenantId, createdBy: "test", settings: settings() });
    const otherFeed = await resolveFeedToken(token);
    expect(otherFeed?.tenantId).toBe(other.tenantId);
    if (!otherFeed) return;
    const items = (await walk(otherFeed, 2)).flatMap((p) => p.items);
    expect(items.filter((i) => i.object.type === "indicator").map(valueOf)).toEqual(["192.0.2.200"]);
    const mine = new Set((await walk(feed, 100)).flatMap((p) => p.items.map((i) => i.object.id)));
    expect(items.some((i) => mine.has(i.object.id))).toBe(false);
  });
});
