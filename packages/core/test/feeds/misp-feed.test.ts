import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  mispAttributeUuid,
  mispEventUuid,
  renderMispEvent,
  renderMispHashes,
  renderMispManifest,
  type TMispDaySummary,
} from "../../src/feeds/index.ts";
import { collect, NOW, SAMPLE } from "./feed-fixtures.ts";

const options = { tenantId: "t1", orgName: "Example Org" };
const day: TMispDaySummary = { day: "2026-03-01", count: 2, timestamp: 1_772_366_400 };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("MISP feed", () => {
  it("names events and attributes deterministically per tenant and day", () => {
    expect(mispEventUuid("t1", "2026-03-01")).toMatch(UUID);
    expect(mispEventUuid("t1", "2026-03-01")).toBe(mispEventUuid("t1", "2026-03-01"));
    expect(mispEventUuid("t2", "2026-03-01")).not.toBe(mispEventUuid("t1", "2026-03-01"));
    expect(mispAttributeUuid("t1", "2026-03-01", "192.0.2.7")).not.toBe(
      mispAttributeUuid("t1", "2026-03-01", "192.0.2.8"),
    );
  });

  it("renders the manifest from per-day summaries", async () => {
    const manifest = JSON.parse(
      await collect(
        renderMispManifest([day, { day: "2026-02-28", count: 1, timestamp: 1_772_280_000 }], options),
      ),
    ) as Record<string, Record<string, unknown>>;
    expect(Object.keys(manifest)).toEqual([
      mispEventUuid("t1", "2026-03-01"),
      mispEventUuid("t1", "2026-02-28"),
    ]);
    expect(manifest[mispEventUuid("t1", "2026-03-01")]).toEqual({
      Orgc: { name: "Example Org", uuid: expect.stringMatching(UUID) as unknown },
      Tag: [{ name: "tlp:amber", colour: "#ffc000" }],
      info: "mlsec blocklist 2026-03-01",
      date: "2026-03-01",
      analysis: "2",
      threat_level_id: "2",
      timestamp: "1772366400",
    });
    expect(await collect(renderMispManifest([], options))).toBe("{}");
  });

  it("renders one day's event with an ip-src attribute per decision", async () => {
    const text = await collect(renderMispEvent(SAMPLE.slice(0, 3), day, { ...options, now: NOW }));
    const { Event } = JSON.parse(text) as {
      Event: Record<string, unknown> & { Attribute: Record<string, unknown>[] };
    };
    expect(Event).toMatchObject({
      uuid: mispEventUuid("t1", "2026-03-01"),
      info: "mlsec blocklist 2026-03-01",
      date: "2026-03-01",
      timestamp: "1772366400",
      publish_timestamp: "1772366400",
      published: true,
      Orgc: { name: "Example Org" },
      Tag: [{ name: "tlp:amber" }],
    });
    // The expired 203.0.113.9 is left out.
    expect(Event.Attribute).toEqual([
      {
        uuid: mispAttributeUuid("t1", "2026-03-01", "192.0.2.7"),
        type: "ip-src",
        category: "Network activity",
        to_ids: true,
        value: "192.0.2.7",
        timestamp: "1772366400",
        comment: "block, score 0.93, report report-1, valid until 2026-03-01T13:00:00.000Z",
        Tag: [{ name: 'mlsec:cluster="ssh-bruteforce"' }, { name: 'mlsec:score="0.93"' }],
      },
      expect.objectContaining({
        value: "198.51.100.0/24",
        to_ids: false,
        Tag: [{ name: 'mlsec:cluster="port-scan"' }, { name: 'mlsec:score="0.50"' }],
      }),
    ]);
    const empty = JSON.parse(await collect(renderMispEvent([], day, options))) as {
      Event: { Attribute: unknown[] };
    };
    expect(empty.Event.Attribute).toEqual([]);
  });

  it("renders hashes.csv as md5 of the value and the event of its as-of day", async () => {
    const md5 = (v: string) => createHash("md5").update(v).digest("hex");
    expect(await collect(renderMispHashes(SAMPLE, { tenantId: "t1", now: NOW }))).toBe(
      `${md5("192.0.2.7")},${mispEventUuid("t1", "2026-03-01")}\n` +
        `${md5("198.51.100.0/24")},${mispEventUuid("t1", "2026-03-01")}\n` +
        `${md5("2001:db8::1")},${mispEventUuid("t1", "2026-02-28")}\n`,
    );
  });
});
