import { describe, expect, it } from "vitest";
import { uuidV5 } from "../../src/export/deterministic-uuid.ts";
import {
  collectTaxiiPage,
  decisionSortKey,
  decodeTaxiiCursor,
  encodeTaxiiCursor,
  parseAddedAfter,
  renderStixBundle,
  renderTaxiiEnvelope,
  STIX_MEDIA_TYPE,
  stixIdentity,
  stixIndicator,
  TAXII_MEDIA_TYPE,
  taxiiApiRoot,
  taxiiCollection,
  taxiiDiscovery,
  taxiiIndicatorItem,
  type TTaxiiItem,
} from "../../src/feeds/index.ts";
import { stixBundleValidator } from "../export/stix-validator.ts";
import { collect, decision, NOW, SAMPLE } from "./feed-fixtures.ts";

const validate = stixBundleValidator();

describe("stixIndicator", () => {
  it("follows exportStix's ids and dates and passes the STIX 2.1 schemas, CIDRs included", () => {
    const identity = stixIdentity("t1", "2026-01-01T00:00:00Z");
    const indicators = SAMPLE.map((d) => stixIndicator(d, "t1"));
    expect(indicators[0]).toMatchObject({
      id: `indicator--${uuidV5("indicator|t1|192.0.2.7")}`,
      created_by_ref: identity.id,
      pattern: "[ipv4-addr:value = '192.0.2.7']",
      valid_from: "2026-03-01T00:00:00.000Z",
      valid_until: "2026-03-01T13:00:00.000Z",
      confidence: 93,
      labels: ["block", "ssh-bruteforce"],
    });
    expect(indicators[1]?.pattern).toBe("[ipv4-addr:value = '198.51.100.0/24']");
    expect(indicators[3]?.pattern).toBe("[ipv6-addr:value = '2001:db8::1']");
    // A listing ending before its day still gets valid_until after valid_from.
    const odd = stixIndicator(decision("192.0.2.1", { validUntil: "2026-02-01T00:00:00Z" }), "t1");
    expect(odd.valid_until).toBe("2026-03-01T00:00:00.001Z");
    const bundle = { type: "bundle", id: `bundle--${uuidV5("b")}`, objects: [identity, ...indicators, odd] };
    expect(validate(bundle)).toEqual([]);
    // The validator does look inside: an indicator without its pattern fails.
    const { pattern: _pattern, ...broken } = stixIndicator(SAMPLE[0] ?? decision("192.0.2.1"), "t1");
    expect(validate({ ...bundle, objects: [broken] })).not.toEqual([]);
  });

  it("streams a valid bundle of the live decisions", async () => {
    const bundle = JSON.parse(
      await collect(
        renderStixBundle(SAMPLE, { tenantId: "t1", now: NOW, identityCreated: "2026-01-01T00:00:00Z" }),
      ),
    ) as { objects: { type: string }[] };
    expect(bundle.objects.map((o) => o.type)).toEqual(["identity", "indicator", "indicator", "indicator"]);
    expect(validate(bundle)).toEqual([]);
  });
});

describe("TAXII 2.1", () => {
  const items: TTaxiiItem[] = SAMPLE.map((d, i) =>
    taxiiIndicatorItem(d, new Date(Date.UTC(2026, 2, 1, 10, 0, i)), "t1"),
  );

  it("builds discovery, api root and collection resources", () => {
    expect(TAXII_MEDIA_TYPE).toBe("application/taxii+json;version=2.1");
    expect(STIX_MEDIA_TYPE).toBe("application/stix+json;version=2.1");
    expect(
      taxiiDiscovery({ title: "mlsec", apiRoots: ["/taxii2/feeds/"], defaultApiRoot: "/taxii2/feeds/" }),
    ).toEqual({
      title: "mlsec",
      default: "/taxii2/feeds/",
      api_roots: ["/taxii2/feeds/"],
    });
    expect(taxiiApiRoot({ title: "feeds", maxContentLength: 0 })).toEqual({
      title: "feeds",
      versions: [TAXII_MEDIA_TYPE],
      max_content_length: 0,
    });
    expect(taxiiCollection({ id: "c1", title: "blocklist" })).toEqual({
      id: "c1",
      title: "blocklist",
      can_read: true,
      can_write: false,
      media_types: [STIX_MEDIA_TYPE],
    });
  });

  it("round-trips cursors and refuses foreign ones", () => {
    const c = { dateAdded: "2026-03-01T10:00:00.000Z", sortKey: decisionSortKey("192.0.2.7") };
    const text = encodeTaxiiCursor(c);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeTaxiiCursor(text)).toEqual(c);
    expect(decodeTaxiiCursor("abc")).toBeNull();
    expect(decodeTaxiiCursor(Buffer.from("2026-03-01T10:00:00Z|x").toString("base64url"))).toBeNull();
  });

  it("parses added_after", () => {
    expect(parseAddedAfter(undefined)).toBeUndefined();
    expect(parseAddedAfter("2026-03-01T10:00:00.123456Z")?.toISOString()).toBe("2026-03-01T10:00:00.123Z");
    expect(parseAddedAfter("2026-03-01T10:00:00+01:00")).toBeNull();
    expect(parseAddedAfter("yesterday")).toBeNull();
  });

  it("collects a page with more, next and the date-added headers", async () => {
    const page = await collectTaxiiPage(items, { limit: 2 });
    expect(page.items).toHaveLength(2);
    expect(page.more).toBe(true);
    expect(page.headers).toEqual({
      "X-TAXII-Date-Added-First": "2026-03-01T10:00:00.000Z",
      "X-TAXII-Date-Added-Last": "2026-03-01T10:00:01.000Z",
    });
    expect(decodeTaxiiCursor(page.next ?? "")).toEqual({
      dateAdded: "2026-03-01T10:00:01.000Z",
      sortKey: items[1]?.sortKey,
    });
    const envelope = JSON.parse(await collect(renderTaxiiEnvelope(page))) as {
      objects: unknown[];
      more: boolean;
      next?: string;
    };
    expect(envelope).toEqual({ objects: [items[0]?.object, items[1]?.object], more: true, next: page.next });
    const last = await collectTaxiiPage(items, { limit: 10 });
    expect(last).toMatchObject({ more: false });
    expect(last.next).toBeUndefined();
    expect((await collectTaxiiPage([], { limit: 10 })).headers).toEqual({});
  });

  it("streams an envelope straight from an iterable, peeking one item for more", async () => {
    const streamed = JSON.parse(await collect(renderTaxiiEnvelope(items, { limit: 3 }))) as {
      objects: unknown[];
      more: boolean;
      next: string;
    };
    expect(streamed.objects).toHaveLength(3);
    expect(streamed.more).toBe(true);
    expect(decodeTaxiiCursor(streamed.next)?.sortKey).toBe(items[2]?.sortKey);
    expect(JSON.parse(await collect(renderTaxiiEnvelope(items, { limit: 4 })))).toEqual({
      objects: items.map((i) => i.object),
      more: false,
    });
    const bundle = { type: "bundle", id: `bundle--${uuidV5("b")}`, objects: streamed.objects };
    expect(validate(bundle)).toEqual([]);
  });
});
