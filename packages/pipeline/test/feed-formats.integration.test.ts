import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { mispEventUuid } from "@mlsec/core/feeds";
import { addListEntry, closeDb, createFeed, type TFeedSettings } from "@mlsec/db";
import { feedBody, type TListFormat } from "../src/feed-body.ts";
import { openMispFeed } from "../src/misp-feed.ts";
import { doneUploadWithReport, feedSettings, recentDay, scored } from "./report-fixtures.ts";
import { seedTenant } from "@mlsec/db/test/factories";

afterAll(closeDb);

const day = recentDay;
const settings = (over: Partial<TFeedSettings> = {}): TFeedSettings =>
  feedSettings({ name: "edge", format: "edl", ...over });
const text = async (chunks: AsyncIterable<string> | Iterable<string>) => {
  let out = "";
  for await (const c of chunks) out += c;
  return out;
};

async function tenantWithData() {
  const t = await seedTenant("ff");
  await doneUploadWithReport(t.tenantId, day(3), [scored("192.0.2.1", 0.95), scored("192.0.2.2", 0.97)]);
  await doneUploadWithReport(t.tenantId, day(1), [
    scored("192.0.2.3", 0.99),
    scored("198.51.100.9", 0.92),
    scored("2001:db8::7", 0.93),
  ]);
  return t.tenantId;
}

describe("feed list formats", () => {
  it("serve EDL pages that together are the whole list, with an ETag that follows the content", async () => {
    const tenantId = await tenantWithData();
    const { feed } = await createFeed({ tenantId, createdBy: "t", settings: settings({ pageSize: 2 }) });
    const page = async (n: number) => {
      const body = await feedBody({ feed, format: "edl", page: n, now: new Date() });
      let served = -1;
      const lines = await text(
        body.open((s) => {
          served = s;
          return Promise.resolve();
        }),
      );
      return { etag: body.etag, lines: lines.trimEnd().split("\n").filter(Boolean), served };
    };
    const pages = [await page(1), await page(2), await page(3), await page(4)];
    expect(pages.map((p) => p.lines)).toEqual([
      ["192.0.2.1", "192.0.2.2"],
      ["192.0.2.3", "198.51.100.9"],
      ["2001:db8::7"],
      [],
    ]);
    expect(pages.map((p) => p.served)).toEqual([2, 2, 1, 0]);
    expect(new Set(pages.map((p) => p.etag)).size).toBe(4);
    expect((await page(1)).etag).toBe(pages[0]?.etag);
    await addListEntry({ tenantId, kind: "allow", value: "192.0.2.1", createdBy: "t" });
    const after = await page(1);
    expect(after.etag).not.toBe(pages[0]?.etag);
    expect(after.lines).toEqual(["192.0.2.2", "192.0.2.3"]);
  });

  it("render every list format with the same addresses", async () => {
    const tenantId = await tenantWithData();
    const { feed } = await createFeed({ tenantId, createdBy: "t", settings: settings() });
    const body = async (format: TListFormat) =>
      text((await feedBody({ feed, format, page: null, now: new Date() })).open(() => Promise.resolve()));
    const all = ["192.0.2.1", "192.0.2.2", "192.0.2.3", "198.51.100.9", "2001:db8::7"];
    const found = (t: string) =>
      all.filter((ip) => new RegExp(`(^|[\\s,{"'])${ip.replaceAll(".", "\\.")}([\\s,/"']|$)`, "m").test(t));
    for (const format of [
      "edl",
      "nftables",
      "ipset",
      "pf",
      "zeek",
      "suricata",
      "csv",
      "json",
      "stix",
    ] as const)
      expect(found(await body(format)), format).toEqual(all);
    const csv = (await body("csv")).trimEnd().split("\r\n");
    expect(csv[0]).toBe("value,scope,score,bucket,cluster,as_of,valid_until,asn,report_id");
    expect(csv).toHaveLength(all.length + 1);
    expect(
      (await body("json"))
        .trimEnd()
        .split("\n")
        .map((l) => (JSON.parse(l) as { value: string }).value),
    ).toEqual(all);
    // The nft script is what `nft -f` takes (checked, not applied: -c).
    if (process.getuid?.() === 0) execFileSync("nft", ["-c", "-f", "-"], { input: await body("nftables") });
  });

  it("serve a MISP feed: one event per as-of day, a manifest naming them, hashes of every value", async () => {
    const tenantId = await tenantWithData();
    const { feed } = await createFeed({ tenantId, createdBy: "t", settings: settings({ format: "misp" }) });
    const misp = await openMispFeed(feed, new Date());
    const manifest = JSON.parse(await text(await misp.manifest())) as Record<
      string,
      { date: string; info: string }
    >;
    const uuids = [mispEventUuid(tenantId, day(3)), mispEventUuid(tenantId, day(1))];
    expect(Object.keys(manifest).sort()).toEqual([...uuids].sort());
    const event = await misp.event(uuids[1] ?? "");
    expect(event?.count).toBe(3);
    const parsed = JSON.parse(await text(event?.body ?? [])) as {
      Event: { date: string; Attribute: { type: string; value: string; to_ids: boolean }[] };
    };
    expect(parsed.Event.date).toBe(day(1));
    expect(parsed.Event.Attribute.map((a) => a.value)).toEqual(["192.0.2.3", "198.51.100.9", "2001:db8::7"]);
    expect(parsed.Event.Attribute.every((a) => a.type === "ip-src" && a.to_ids)).toBe(true);
    expect((await text(misp.hashes())).trimEnd().split("\n")).toHaveLength(5);
    expect(await misp.event(randomUUID())).toBeNull();
  });
});
