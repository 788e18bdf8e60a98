import { execFileSync } from "node:child_process";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { z } from "zod";
import { closeDb } from "@mlsec/db";
import { apiGet } from "./api.ts";
import { recentFixture } from "./fixture.ts";
import { newAccount, seedOrganisation, uploadAndWait } from "./seed.ts";

const baseUrl = inject("baseUrl");

const ZCreated = z.object({ id: z.string(), token: z.string(), url: z.string(), format: z.string() });
const ZFeedList = z.object({
  feeds: z.array(
    z.object({
      id: z.string(),
      url: z.string(),
      pulls: z.number(),
      lastPullAt: z.string().nullable(),
      lastPullEntries: z.number().nullable(),
      lastPullFrom: z.string().nullable(),
      revokedAt: z.string().nullable(),
    }),
  ),
});
const lines = (t: string) =>
  t
    .trimEnd()
    .split("\n")
    .filter((l) => l !== "" && !l.startsWith("#"));
const basic = (token: string) => `Basic ${Buffer.from(`firewall:${token}`).toString("base64")}`;

async function tenantWithUpload(label: string) {
  const key = (await seedOrganisation(newAccount(`feeds-${label}`, `E2E Feeds ${label}`))).key;
  await uploadAndWait(baseUrl, key, recentFixture());
  return key;
}

async function createFeed(key: string, body: Record<string, unknown>) {
  const res = await fetch(`${baseUrl}/api/v1/feeds`, {
    method: "POST",
    headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(201);
  return ZCreated.parse(await res.json());
}

describe("feeds over HTTP", () => {
  let key = "";
  let otherKey = "";
  let blocklist: string[] = [];

  beforeAll(async () => {
    key = await tenantWithUpload("a");
    otherKey = await tenantWithUpload("b");
    blocklist = lines(await (await apiGet(baseUrl, "/api/v1/blocklist?format=txt", key)).text());
    expect(blocklist.length).toBeGreaterThanOrEqual(2);
  });
  afterAll(closeDb);

  it("serve an EDL equal to the blocklist by token URL, basic auth and header, with ETag and gzip", async () => {
    const feed = await createFeed(key, { name: "palo alto", format: "edl" });
    expect(feed.url).toBe(`${baseUrl}/api/v1/feeds/${feed.id}/edl`);
    const byQuery = await fetch(`${feed.url}?token=${feed.token}`);
    expect(byQuery.status).toBe(200);
    expect(byQuery.headers.get("content-type")).toContain("text/plain");
    const body = await byQuery.text();
    expect(lines(body).sort()).toEqual([...blocklist].sort());
    expect(body.split("\n").every((l) => !l.startsWith("#"))).toBe(true);

    const byBasic = await fetch(feed.url, { headers: { Authorization: basic(feed.token) } });
    expect(await byBasic.text()).toBe(body);
    const etag = byBasic.headers.get("etag") ?? "";
    // Weak once the server compressed the answer (fetch asks for gzip); a weak match is a match.
    expect(etag).toMatch(/^(W\/)?"[\w-]+"$/);
    const notModified = await fetch(feed.url, {
      headers: { "X-Api-Key": feed.token, "If-None-Match": etag },
    });
    expect(notModified.status, `sent ${etag}, got ${notModified.headers.get("etag") ?? "none"}`).toBe(304);
    expect(await notModified.text()).toBe("");

    // gzip by the server when asked, decoded once gives the same list.
    const { request } = await import("node:http");
    const raw = await new Promise<{ encoding: string | undefined; bytes: Buffer }>((ok, fail) => {
      const req = request(
        `${feed.url}?token=${feed.token}`,
        { headers: { "Accept-Encoding": "gzip" } },
        (res) => {
          const parts: Buffer[] = [];
          res.on("data", (c: Buffer) => parts.push(c));
          res.on("end", () => ok({ encoding: res.headers["content-encoding"], bytes: Buffer.concat(parts) }));
        },
      );
      req.on("error", fail);
      req.end();
    });
    expect(raw.encoding).toBe("gzip");
    expect(gunzipSync(raw.bytes).toString("utf8")).toBe(body);

    // Every pull is counted and shown.
    const listed = ZFeedList.parse(await (await apiGet(baseUrl, "/api/v1/feeds", key)).json());
    const shown = listed.feeds.find((f) => f.id === feed.id);
    expect(shown?.pulls).toBe(4);
    expect(shown?.lastPullEntries).toBe(blocklist.length);
    expect(shown?.lastPullFrom).toBeTruthy();
  });

  it("split an EDL into numbered pages at the feed's entry limit", async () => {
    const feed = await createFeed(key, { name: "fortigate", format: "edl", pageSize: 1 });
    const pages: string[][] = [];
    for (let page = 1; page <= blocklist.length + 1; page++)
      pages.push(lines(await (await fetch(`${feed.url}?page=${page}&token=${feed.token}`)).text()));
    expect(pages.slice(0, -1).every((p) => p.length === 1)).toBe(true);
    expect(pages.at(-1)).toEqual([]);
    expect(pages.flat().sort()).toEqual([...blocklist].sort());
    expect((await fetch(`${feed.url}?page=0&token=${feed.token}`)).status).toBe(400);
  });

  it("serve an nft script that nft accepts, and the other formats", async () => {
    const feed = await createFeed(key, { name: "hosts", format: "nftables" });
    const script = await (await fetch(feed.url, { headers: { "X-Api-Key": feed.token } })).text();
    for (const ip of blocklist) expect(script).toContain(ip);
    if (process.getuid?.() === 0) execFileSync("nft", ["-c", "-f", "-"], { input: script });
    const base = feed.url.replace(/\/nftables$/, "");
    for (const format of ["ipset", "pf", "zeek", "suricata", "csv", "json", "stix"]) {
      const res = await fetch(`${base}/${format}`, { headers: { "X-Api-Key": feed.token } });
      expect(res.status, format).toBe(200);
      const text = await res.text();
      for (const ip of blocklist) expect(text, format).toContain(ip);
    }
    expect((await fetch(`${base}/pdf`, { headers: { "X-Api-Key": feed.token } })).status).toBe(404);
  });

  it("read their own feed only; a revoked or rotated token answers 401", async () => {
    const mine = await createFeed(key, { name: "mine", format: "edl" });
    const theirs = await createFeed(otherKey, { name: "theirs", format: "edl" });
    // My token on their feed's URL: as if the feed did not exist.
    expect((await fetch(theirs.url, { headers: { "X-Api-Key": mine.token } })).status).toBe(404);
    expect((await fetch(mine.url)).status).toBe(401);
    expect((await fetch(mine.url, { headers: { "X-Api-Key": "mlfeed_guess" } })).status).toBe(401);
    // An API key is not a feed token, and a feed token is not an API key.
    expect((await fetch(mine.url, { headers: { Authorization: `Bearer ${key}` } })).status).toBe(401);
    expect((await apiGet(baseUrl, "/api/v1/feeds", mine.token)).status).toBe(401);
    // Another tenant cannot see, rotate or revoke it.
    expect((await apiGet(baseUrl, `/api/v1/feeds/${mine.id}`, otherKey)).status).toBe(404);
    const del = await fetch(`${baseUrl}/api/v1/feeds/${mine.id}`, {
      method: "DELETE",
      headers: { Authorization: `Bearer ${otherKey}` },
    });
    expect(del.status).toBe(404);

    const rotated = await fetch(`${baseUrl}/api/v1/feeds/${mine.id}/rotate`, {
      method: "POST",
      headers: { Authorization: `Bearer ${key}` },
    });
    const fresh = z.object({ token: z.string() }).parse(await rotated.json());
    expect((await fetch(mine.url, { headers: { "X-Api-Key": mine.token } })).status).toBe(401);
    expect((await fetch(mine.url, { headers: { "X-Api-Key": fresh.token } })).status).toBe(200);
    const revoke = await fetch(`${baseUrl}/api/v1/feeds/${mine.id}`, {
      method: "DELETE",
      headers: { Authorization: `Bearer ${key}` },
    });
    expect(revoke.status).toBe(204);
    expect((await fetch(mine.url, { headers: { "X-Api-Key": fresh.token } })).status).toBe(401);
  });

  it("drop a false positive from every feed on the next pull", async () => {
    const edl = await createFeed(key, { name: "fp-edl", format: "edl" });
    const zeek = await createFeed(key, { name: "fp-zeek", format: "zeek" });
    const before = lines(await (await fetch(edl.url, { headers: { "X-Api-Key": edl.token } })).text());
    const victim = before[0] ?? "";
    const verdict = await fetch(`${baseUrl}/api/v1/feedback`, {
      method: "POST",
      headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
      body: JSON.stringify({ ip: victim, verdict: "benign", note: "our monitoring host" }),
    });
    expect(verdict.status).toBe(201);
    const after = lines(await (await fetch(edl.url, { headers: { "X-Api-Key": edl.token } })).text());
    expect(after).toEqual(before.filter((ip) => ip !== victim));
    const intel = await (await fetch(zeek.url, { headers: { "X-Api-Key": zeek.token } })).text();
    expect(intel).not.toContain(`${victim}\t`);
    const list = lines(await (await apiGet(baseUrl, "/api/v1/blocklist?format=txt", key)).text());
    expect(list).not.toContain(victim);
  });

  it("validate what a feed is created with", async () => {
    for (const bad of [
      { name: "", format: "edl" },
      { name: "x", format: "pdf" },
      { name: "x", format: "edl", minScore: 2 },
      { name: "x", format: "edl", family: 5 },
    ]) {
      const res = await fetch(`${baseUrl}/api/v1/feeds`, {
        method: "POST",
        headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
        body: JSON.stringify(bad),
      });
      expect(res.status, JSON.stringify(bad)).toBe(400);
    }
  });
});
