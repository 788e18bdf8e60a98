import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { z } from "zod";
import { closeDb } from "@mlsec/db";
import { apiGet } from "./api.ts";
import { bouncerUnavailable, startBouncer, waitUntil, type TBouncer } from "./crowdsec-bouncer.ts";
import { recentFixture } from "./fixture.ts";
import { newAccount, seedOrganisation, uploadAndWait } from "./seed.ts";

const baseUrl = inject("baseUrl");
const skipReason = bouncerUnavailable();
if (skipReason) console.warn(`[e2e] skipping the CrowdSec bouncer test: ${skipReason}`);

const ZCreatedFeed = z.object({ id: z.string(), token: z.string(), url: z.string() });
const ZLapiDecision = z.object({
  id: z.number(),
  origin: z.string(),
  type: z.string(),
  scope: z.string(),
  value: z.string(),
  duration: z.string().regex(/^(\d+h)?(\d+m)?\d+(\.\d+)?s$/),
  scenario: z.string(),
});
const ZStreamBody = z.object({
  new: z
    .array(ZLapiDecision)
    .nullable()
    .transform((l) => l ?? []),
  deleted: z.array(ZLapiDecision).nullable(),
});

/** The bouncer polls every second; a change must show within a few polls. */
const UPDATE_FREQUENCY = "1s";
const FEW_POLLS_MS = 10_000;

const addresses = (txt: string) =>
  txt
    .trimEnd()
    .split("\n")
    .filter((l) => l !== "" && !l.startsWith("#"));

const sorted = (s: Iterable<string>) => [...s].sort();

describe.skipIf(skipReason !== null)("Debian's crowdsec-firewall-bouncer against a crowdsec feed", () => {
  let ownerKey = "";
  let blocklist: string[] = [];
  let feed: z.infer<typeof ZCreatedFeed> = { id: "", token: "", url: "" };
  let bouncer: TBouncer | null = null;

  beforeAll(async () => {
    ownerKey = (await seedOrganisation(newAccount("crowdsec", "E2E CrowdSec Org"))).key;
    // This week's days: the blocklist lists only what the decayed evidence still supports.
    await uploadAndWait(baseUrl, ownerKey, recentFixture());

    const list = await apiGet(baseUrl, "/api/v1/blocklist?format=txt", ownerKey);
    expect(list.status).toBe(200);
    blocklist = addresses(await list.text());
    // One address is taken out by a verdict and at least one must stay for the test to mean anything.
    expect(blocklist.length).toBeGreaterThanOrEqual(2);

    const created = await fetch(`${baseUrl}/api/v1/feeds`, {
      method: "POST",
      headers: { Authorization: `Bearer ${ownerKey}`, "Content-Type": "application/json" },
      body: JSON.stringify({ name: "edge", format: "crowdsec" }),
    });
    expect(created.status).toBe(201);
    feed = ZCreatedFeed.parse(await created.json());
  });

  afterAll(async () => {
    // Also after a failure: no bouncer left running and no nft table left behind.
    await bouncer?.stop();
    await closeDb();
  });

  it("answers the stream as the bouncer asks for it: gzip accepted, JSON once decoded", async () => {
    // The bouncer's Go client sends Accept-Encoding: gzip and undoes one layer of gzip only when
    // Content-Encoding says so; a body compressed twice (or without the header) kills it at startup.
    const res = await fetch(`${feed.url}v1/decisions/stream?startup=true`, {
      headers: {
        "X-Api-Key": feed.token,
        "Accept-Encoding": "gzip",
        "User-Agent": "crowdsec-firewall-bouncer/-",
      },
    });
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const text = new TextDecoder().decode(bytes);
    expect(
      text.startsWith("{"),
      `body starts with bytes ${[...bytes.slice(0, 4)].join(",")}, Content-Encoding: ${res.headers.get("content-encoding") ?? "none"}`,
    ).toBe(true);
    const body = ZStreamBody.parse(JSON.parse(text));
    expect(sorted(body.new.map((d) => d.value))).toEqual(sorted(blocklist));
    for (const d of body.new) expect(d).toMatchObject({ type: "ban", origin: "mlsec", scope: "Ip" });
  });

  it("fills its nft sets with exactly the blocklist", async () => {
    const running = startBouncer({ apiUrl: feed.url, apiKey: feed.token, updateFrequency: UPDATE_FREQUENCY });
    bouncer = running;
    const want = sorted(blocklist);
    await waitUntil(
      running,
      `the bouncer's sets should hold the blocklist [${want.join(", ")}]`,
      () => JSON.stringify(sorted(running.elements())) === JSON.stringify(want),
      30_000,
    );
    // It asked for the full list once, then for changes, with the feed token (docs/crowdsec-lapi.md).
    const log = running.log();
    expect(log).toContain("v1/decisions/stream?startup=true");
    expect(log).not.toContain("API error");
  });

  it("drops an address within a few polls of a false-positive verdict, and keeps the rest", async () => {
    const running = bouncer;
    if (!running) throw new Error("the bouncer did not start");
    const [gone, ...kept] = blocklist;
    if (gone === undefined) throw new Error("empty blocklist");
    const verdict = await fetch(`${baseUrl}/api/v1/feedback`, {
      method: "POST",
      headers: { Authorization: `Bearer ${ownerKey}`, "Content-Type": "application/json" },
      body: JSON.stringify({ ip: gone, verdict: "benign" }),
    });
    expect(verdict.status).toBe(201);
    const want = sorted(kept);
    await waitUntil(
      running,
      `${gone} should leave the sets, leaving [${want.join(", ")}]`,
      () => JSON.stringify(sorted(running.elements())) === JSON.stringify(want),
      FEW_POLLS_MS,
    );
    const list = await apiGet(baseUrl, "/api/v1/blocklist?format=txt", ownerKey);
    expect(addresses(await list.text())).not.toContain(gone);
    // A few polls more: nothing comes back, nothing else leaves.
    await new Promise((r) => setTimeout(r, 3000));
    expect(sorted(running.elements())).toEqual(want);
  });

  it("is refused with 401 once the feed is revoked, and keeps what it holds", async () => {
    const running = bouncer;
    if (!running) throw new Error("the bouncer did not start");
    const held = sorted(running.elements());
    const revoked = await fetch(`${baseUrl}/api/v1/feeds/${feed.id}`, {
      method: "DELETE",
      headers: { Authorization: `Bearer ${ownerKey}` },
    });
    expect(revoked.status).toBe(204);
    for (const query of ["?startup=true", ""]) {
      const res = await fetch(`${feed.url}v1/decisions/stream${query}`, {
        headers: { "X-Api-Key": feed.token },
      });
      expect(res.status).toBe(401);
    }
    // The bouncer logs the refusal and keeps polling; its elements expire by their own timeouts.
    const logged = () => running.log().split("API error").length - 1;
    const before = logged();
    await waitUntil(
      running,
      "the bouncer should log the 401",
      () => logged() > before,
      FEW_POLLS_MS,
      () => running.log().split("\n").slice(-5).join(" | "),
    );
    expect(running.exitCode()).toBeNull();
    expect(sorted(running.elements())).toEqual(held);
  });
});
