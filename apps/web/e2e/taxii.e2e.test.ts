import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { z } from "zod";
import { closeDb } from "@mlsec/db";
import { stixBundleValidator } from "../../../packages/core/test/export/stix-validator.ts";
import { apiGet } from "./api.ts";
import { recentFixture } from "./fixture.ts";
import { newAccount, seedOrganisation, uploadAndWait } from "./seed.ts";

const baseUrl = inject("baseUrl");
const TAXII = "application/taxii+json;version=2.1";
const STIX = "application/stix+json;version=2.1";

const ZCreatedFeed = z.object({ id: z.string(), token: z.string(), url: z.string() });
const ZError = z.object({ title: z.string(), http_status: z.string() });
const ZObject = z.looseObject({ type: z.string(), id: z.string() });
const ZEnvelope = z.object({ more: z.boolean(), next: z.string().optional(), objects: z.array(ZObject) });
const ZManifest = z.object({
  more: z.boolean(),
  next: z.string().optional(),
  objects: z.array(
    z.object({ id: z.string(), date_added: z.string(), version: z.string(), media_type: z.string() }),
  ),
});

const addresses = (txt: string) =>
  txt
    .trimEnd()
    .split("\n")
    .filter((l) => l !== "" && !l.startsWith("#"));
const valueOf = (o: z.infer<typeof ZObject>) => /value = '([^']+)'/.exec(String(o["pattern"]))?.[1] ?? "";

describe("the TAXII 2.1 server over a feed", () => {
  let ownerKey = "";
  let taxii: z.infer<typeof ZCreatedFeed> = { id: "", token: "", url: "" };
  let edl: z.infer<typeof ZCreatedFeed> = { id: "", token: "", url: "" };
  const validateStix = stixBundleValidator();

  /** As TAXII clients ask: basic auth with the token as password, the TAXII media type, no redirects. */
  const get = (url: string, headers: Record<string, string> = {}) =>
    fetch(url, {
      redirect: "manual",
      headers: {
        Accept: TAXII,
        Authorization: `Basic ${Buffer.from(`intel:${taxii.token}`).toString("base64")}`,
        ...headers,
      },
    });
  /** A 200 TAXII resource: its media type checked, its body parsed. */
  const resource = async <T>(url: string, schema: z.ZodType<T>) => {
    const res = await get(url);
    expect(res.status, url).toBe(200);
    expect(res.headers.get("content-type")).toBe(TAXII);
    return { res, body: schema.parse(await res.json()) };
  };
  const expectError = async (res: Response, status: number) => {
    expect(res.status).toBe(status);
    expect(res.headers.get("content-type")).toBe(TAXII);
    expect(ZError.parse(await res.json()).http_status).toBe(String(status));
  };

  beforeAll(async () => {
    ownerKey = (await seedOrganisation(newAccount("taxii", "E2E TAXII Org"))).key;
    await uploadAndWait(baseUrl, ownerKey, recentFixture());
    const create = async (body: object) => {
      const created = await fetch(`${baseUrl}/api/v1/feeds`, {
        method: "POST",
        headers: { Authorization: `Bearer ${ownerKey}`, "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      expect(created.status).toBe(201);
      return ZCreatedFeed.parse(await created.json());
    };
    // Every scored address (minScore 0), so pages of 2 take several requests.
    taxii = await create({ name: "intel", format: "taxii", minScore: 0 });
    edl = await create({ name: "intel-edl", format: "edl", minScore: 0 });
  });
  afterAll(async () => {
    await closeDb();
  });

  it("walks discovery, api root, collections and the objects' pages, equal to the EDL of the same filter", async () => {
    expect(taxii.url).toBe(`${baseUrl}/api/v1/taxii2/`);
    const discovery = await resource(
      taxii.url,
      z.object({ title: z.string(), api_roots: z.array(z.string()) }),
    );
    expect(discovery.body.api_roots).toEqual([`${baseUrl}/api/v1/taxii2/root/`]);
    const root = discovery.body.api_roots[0] ?? "";

    const apiRoot = await resource(
      root,
      z.object({ title: z.string(), versions: z.array(z.string()), max_content_length: z.number() }),
    );
    expect(apiRoot.body.versions).toEqual([TAXII]);

    const ZCollection = z.object({
      id: z.string(),
      title: z.string(),
      can_read: z.boolean(),
      can_write: z.boolean(),
      media_types: z.array(z.string()),
    });
    const collections = await resource(
      `${root}collections/`,
      z.object({ collections: z.array(ZCollection) }),
    );
    const collection = {
      id: taxii.id,
      title: "intel",
      can_read: true,
      can_write: false,
      media_types: [STIX],
    };
    expect(collections.body.collections).toEqual([collection]);
    expect((await resource(`${root}collections/${taxii.id}/`, ZCollection)).body).toEqual(collection);

    // Objects, 2 a page, following `next` until `more` is false.
    const objects: z.infer<typeof ZObject>[] = [];
    const added: string[] = [];
    let next: string | undefined;
    let pages = 0;
    do {
      const query = new URLSearchParams({ limit: "2", ...(next !== undefined && { next }) });
      const page = await resource(`${root}collections/${taxii.id}/objects/?${query}`, ZEnvelope);
      pages++;
      expect(page.body.objects.length).toBeGreaterThan(0);
      expect(page.body.objects.length).toBeLessThanOrEqual(2);
      const first = page.res.headers.get("x-taxii-date-added-first") ?? "";
      const last = page.res.headers.get("x-taxii-date-added-last") ?? "";
      expect(Date.parse(first)).toBeLessThanOrEqual(Date.parse(last));
      added.push(first, last);
      objects.push(...page.body.objects);
      expect(page.body.more).toBe(page.body.next !== undefined);
      next = page.body.next;
    } while (next !== undefined && pages < 100);
    expect(next).toBeUndefined();
    expect(added).toEqual([...added].sort());
    expect(objects[0]?.type).toBe("identity");
    const indicators = objects.filter((o) => o.type === "indicator");
    expect(indicators.length).toBeGreaterThanOrEqual(3);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(new Set(objects.map((o) => o.id)).size).toBe(objects.length);
    expect(validateStix({ type: "bundle", id: `bundle--${crypto.randomUUID()}`, objects })).toEqual([]);

    const list = await fetch(`${baseUrl}/api/v1/feeds/${edl.id}/edl`, {
      headers: { Authorization: `Bearer ${edl.token}` },
    });
    expect(list.status).toBe(200);
    const values = indicators.map(valueOf);
    expect(values).toHaveLength(new Set(values).size);
    expect(new Set(values)).toEqual(new Set(addresses(await list.text())));

    // match[type]=indicator leaves the identity out; added_after the last date added leaves nothing.
    const onlyIndicators = await resource(
      `${root}collections/${taxii.id}/objects/?match[type]=indicator&limit=1000`,
      ZEnvelope,
    );
    expect(onlyIndicators.body.objects.map((o) => o.id)).toEqual(indicators.map((o) => o.id));
    const after = encodeURIComponent(added.at(-1) ?? "");
    const none = await resource(`${root}collections/${taxii.id}/objects/?added_after=${after}`, ZEnvelope);
    expect(none.body).toEqual({ objects: [], more: false });
    expect(none.res.headers.get("x-taxii-date-added-first")).toBeNull();

    // The manifest pages through the same objects.
    const records: z.infer<typeof ZManifest>["objects"] = [];
    let cursor: string | undefined;
    do {
      const query = new URLSearchParams({ limit: "3", ...(cursor !== undefined && { next: cursor }) });
      const page = await resource(`${root}collections/${taxii.id}/manifest/?${query}`, ZManifest);
      expect(page.res.headers.get("x-taxii-date-added-last")).toBe(page.body.objects.at(-1)?.date_added);
      records.push(...page.body.objects);
      cursor = page.body.next;
    } while (cursor !== undefined && records.length <= objects.length);
    expect(records.map((r) => r.id)).toEqual(objects.map((o) => o.id));
    expect(records.every((r) => r.media_type === STIX)).toBe(true);

    // Each pull is recorded on the feed.
    const feed = z
      .object({ pulls: z.number(), lastPullEntries: z.number().nullable() })
      .parse(await (await apiGet(baseUrl, `/api/v1/feeds/${taxii.id}`, ownerKey)).json());
    expect(feed.pulls).toBeGreaterThanOrEqual(pages + 3);
  });

  it("answers TAXII errors: 406 for another media type, 401 without a token, 404 for another feed, 400 for a bad next", async () => {
    const root = `${baseUrl}/api/v1/taxii2/root/`;
    await expectError(await get(taxii.url, { Accept: "application/xml" }), 406);
    await expectError(
      await get(`${root}collections/${taxii.id}/objects/`, { Accept: TAXII.replace("2.1", "2.0") }),
      406,
    );
    await expectError(await fetch(taxii.url, { headers: { Accept: TAXII } }), 401);
    await expectError(await get(`${root}collections/`, { Authorization: `Bearer ${edl.token}x` }), 401);
    await expectError(await get(`${root}collections/${edl.id}/`), 404);
    await expectError(await get(`${root}collections/${edl.id}/objects/`), 404);
    await expectError(await get(`${root}collections/${taxii.id}/objects/?next=not-ours`), 400);
    await expectError(await get(`${root}collections/${taxii.id}/objects/?added_after=yesterday`), 400);
    // A bearer token works as well as basic auth, and a version-less TAXII type means 2.1.
    const bearer = await fetch(`${root}collections/`, {
      headers: { Accept: "application/taxii+json", Authorization: `Bearer ${taxii.token}` },
    });
    expect(bearer.status).toBe(200);
    expect(bearer.headers.get("content-type")).toBe(TAXII);
  });

  it("keeps the trailing slash of TAXII URLs and still drops it elsewhere", async () => {
    const taxiiRes = await get(taxii.url);
    expect(taxiiRes.status).toBe(200);
    const elsewhere = await fetch(`${baseUrl}/api/v1/feeds/`, { redirect: "manual" });
    expect(elsewhere.status).toBe(308);
    expect(new URL(elsewhere.headers.get("location") ?? "", baseUrl).pathname).toBe("/api/v1/feeds");
  });
});
