import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { closeDb } from "@mlsec/db";
import { stixBundleValidator } from "../../../packages/core/test/export/stix-validator.ts";
import { apiGet } from "./api.ts";
import { fixtureSources, recentFixture } from "./fixture.ts";
import { newAccount, seedOrganisation, uploadAndWait } from "./seed.ts";

const baseUrl = inject("baseUrl");

type TReportIp = { ip: string; score: number; verdict: string; bucket: string };
const addresses = (txt: string) =>
  txt
    .trimEnd()
    .split("\n")
    .filter((l) => l !== "" && !l.startsWith("#"));

describe("exports and the IP view over the API", () => {
  let ownerKey = "";
  let otherKey = "";
  let uploadId = "";
  let ips: TReportIp[] = [];
  const validateStix = stixBundleValidator();

  beforeAll(async () => {
    ownerKey = (await seedOrganisation(newAccount("exports", "E2E Exports Org"))).key;
    otherKey = (await seedOrganisation(newAccount("exports-other", "E2E Exports Other Org"))).key;
    // This week's days: the blocklist lists only what the decayed evidence still supports.
    uploadId = await uploadAndWait(baseUrl, ownerKey, recentFixture());
    const report = (await (await apiGet(baseUrl, `/api/v1/uploads/${uploadId}/report`, ownerKey)).json()) as {
      ips: TReportIp[];
      daily: { day: string; events: number }[];
      topPorts: unknown[];
    };
    ips = report.ips;
    // The worker's report carries the per-day section from the upload's own rollups.
    expect(report.daily.reduce((n, d) => n + d.events, 0)).toBe(
      [...fixtureSources().values()].reduce((a, b) => a + b, 0),
    );
    expect(report.topPorts.length).toBeGreaterThan(0);
  });
  afterAll(async () => {
    await closeDb();
  });

  it("serves the blocklist as text, CSV and a valid STIX 2.1 bundle, filtered by min", async () => {
    const all = await apiGet(baseUrl, "/api/v1/blocklist?format=txt&min=0", ownerKey);
    expect(all.status).toBe(200);
    expect(all.headers.get("content-type")).toContain("text/plain");
    expect(new Set(addresses(await all.text()))).toEqual(new Set(fixtureSources().keys()));

    const top = ips[0];
    expect(top).toBeDefined();
    const min = top?.score ?? 1;
    const high = ips.filter((i) => i.score >= min).map((i) => i.ip);
    const txt = await apiGet(baseUrl, `/api/v1/blocklist?format=txt&min=${min}`, ownerKey);
    expect(new Set(addresses(await txt.text()))).toEqual(new Set(high));

    const csv = await apiGet(baseUrl, "/api/v1/blocklist?format=csv&min=0", ownerKey);
    expect(csv.status).toBe(200);
    const rows = (await csv.text()).trimEnd().split("\r\n");
    expect(rows[0]).toBe("ip,score,verdict,bucket,events,asn,as_org,country,as_of,reasons");
    expect(rows).toHaveLength(fixtureSources().size + 1);

    const stix = await apiGet(baseUrl, "/api/v1/blocklist?format=stix&min=0", ownerKey);
    expect(stix.status).toBe(200);
    const bundle = (await stix.json()) as { objects: { type: string; pattern?: string }[] };
    expect(validateStix(bundle)).toEqual([]);
    expect(bundle.objects.filter((o) => o.type === "indicator")).toHaveLength(fixtureSources().size);

    expect((await apiGet(baseUrl, "/api/v1/blocklist?format=pdf", ownerKey)).status).toBe(400);
    expect((await apiGet(baseUrl, "/api/v1/blocklist?min=2", ownerKey)).status).toBe(400);
    expect((await apiGet(baseUrl, "/api/v1/blocklist")).status).toBe(401);
  });

  it("exports one report in every format", async () => {
    const csv = await apiGet(baseUrl, `/api/v1/uploads/${uploadId}/report/export?format=csv`, ownerKey);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-disposition")).toContain(".csv");
    expect((await csv.text()).trimEnd().split("\r\n")).toHaveLength(ips.length + 1);
    const json = await apiGet(
      baseUrl,
      `/api/v1/uploads/${uploadId}/report/export?format=json&min=0`,
      ownerKey,
    );
    expect(((await json.json()) as { count: number }).count).toBe(ips.length);
    const txt = await apiGet(baseUrl, `/api/v1/uploads/${uploadId}/report/export?format=txt&min=0`, ownerKey);
    expect(addresses(await txt.text())).toHaveLength(ips.length);
    const stix = await apiGet(
      baseUrl,
      `/api/v1/uploads/${uploadId}/report/export?format=stix&min=0`,
      ownerKey,
    );
    expect(validateStix(await stix.json())).toEqual([]);
  });

  it("shows the tenant's view of a reported IP and of one never seen", async () => {
    const top = ips[0];
    const seen = await apiGet(baseUrl, `/api/v1/ips/${top?.ip ?? ""}`, ownerKey);
    expect(seen.status).toBe(200);
    const view = (await seen.json()) as TReportIp & { features: Record<string, number>; reasons: string[] };
    expect(view.ip).toBe(top?.ip);
    // Same snapshot and model as the report, so the same score.
    expect(view.score).toBeCloseTo(top?.score ?? -1, 9);
    expect(view.bucket).toBe(top?.bucket);
    expect(view.features["days-active"]).toBeGreaterThan(0);
    expect(view.reasons.length).toBeGreaterThan(0);

    const unseen = await apiGet(baseUrl, "/api/v1/ips/203.0.113.250", ownerKey);
    expect(unseen.status).toBe(200);
    const unseenView = (await unseen.json()) as { features: Record<string, number>; verdict: string };
    expect(unseenView.features["days-active"]).toBe(0);
    expect(["malicious", "benign"]).toContain(unseenView.verdict);
    expect((await apiGet(baseUrl, "/api/v1/ips/2001%3Adb8%3A%3A1", ownerKey)).status).toBe(200);
    expect((await apiGet(baseUrl, "/api/v1/ips/not-an-ip", ownerKey)).status).toBe(404);
  });

  it("gives another tenant's key no rows and 404s", async () => {
    const list = await apiGet(baseUrl, "/api/v1/blocklist?format=txt&min=0", otherKey);
    expect(list.status).toBe(200);
    expect(addresses(await list.text())).toEqual([]);
    const csv = await apiGet(baseUrl, "/api/v1/blocklist?format=csv&min=0", otherKey);
    expect((await csv.text()).trimEnd().split("\r\n")).toHaveLength(1);
    const ip = await apiGet(baseUrl, `/api/v1/ips/${ips[0]?.ip ?? ""}`, otherKey);
    expect(ip.status).toBe(404);
    const exp = await apiGet(baseUrl, `/api/v1/uploads/${uploadId}/report/export?format=csv`, otherKey);
    expect(exp.status).toBe(404);
    expect(await exp.json()).toEqual({ error: "not found" });
  });
});
