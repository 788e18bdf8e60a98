import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { closeDb, createApiKey, listAudit, setTriageThresholds } from "@mlsec/db";
import { apiGet } from "./api.ts";
import { launchChromium } from "./browser.ts";
import { recentFixture } from "./fixture.ts";
import { signIn } from "./portal.ts";
import { newAccount, reportRows, seedOrganisation, uploadAndWait, type TSeeded } from "./seed.ts";

const baseUrl = inject("baseUrl");

type TReportIp = { ip: string; bucket: string; score: number };
type TListedRow = { ip: string; bucket: string; country: string | null };
type TListed = { total: number; rows: TListedRow[] };
type TSaved = { id: string; name: string; filter: Record<string, unknown>; search: string | null };

/**
 * The two IPv6 sources added to the sample, written the way ip6tables logs them (every group, zero
 * padded), each repeating the lines of a v4 source so it is scored like one.
 */
const V6_SOURCES = [
  { full: "2a01:04f8:0000:0000:0000:0000:0000:0001", ip: "2a01:4f8::1", like: "77.90.185.20" },
  { full: "2001:4860:4860:0000:0000:0000:0000:8888", ip: "2001:4860:4860::8888", like: "8.8.8.8" },
];

function sampleWithV6(): Uint8Array<ArrayBuffer> {
  const lines = new TextDecoder().decode(recentFixture()).trimEnd().split("\n");
  const extra = V6_SOURCES.flatMap((s) =>
    lines
      .filter((l) => l.includes(` SRC=${s.like} `))
      .map((l) =>
        l
          .replace(` SRC=${s.like} `, ` SRC=${s.full} `)
          .replace(/ DST=\S+ /, " DST=2001:0db8:0000:0000:0000:0000:0000:000a "),
      ),
  );
  return new TextEncoder().encode(`${[...lines, ...extra].join("\n")}\n`);
}

/** An address as a number, read here without the platform's parser (IPv4 dotted, IPv6 with ::). */
function addressNumber(ip: string): { v6: boolean; n: bigint } {
  if (!ip.includes(":")) return { v6: false, n: ip.split(".").reduce((n, p) => n * 256n + BigInt(p), 0n) };
  const [head = "", tail] = ip.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right];
  return { v6: true, n: groups.reduce((n, g) => n * 65536n + BigInt(parseInt(g || "0", 16)), 0n) };
}

/**
 * The registration country of each address, straight from @ip-location-db/asn-country's CSVs by a
 * linear scan: independent of packages/core's table and of what the report says.
 */
function countriesOf(ips: string[]): Map<string, string | null> {
  const dir = dirname(createRequire(import.meta.url).resolve("@ip-location-db/asn-country/package.json"));
  const want = ips.map((ip) => ({ ip, ...addressNumber(ip) }));
  const out = new Map<string, string | null>(ips.map((ip) => [ip, null]));
  const scan = (file: string, v6: boolean, bound: (text: string) => bigint) => {
    for (const line of readFileSync(join(dir, file), "utf8").split("\n")) {
      const [a, b, code] = line.trim().split(",");
      if (!a || !b || !code) continue;
      const lo = bound(a);
      const hi = bound(b);
      for (const w of want) if (w.v6 === v6 && w.n >= lo && w.n <= hi) out.set(w.ip, code);
    }
  };
  scan("asn-country-ipv4-num.csv", false, (t) => BigInt(t));
  scan("asn-country-ipv6.csv", true, (t) => addressNumber(t).n);
  return out;
}

const sorted = (xs: Iterable<string>) => [...xs].sort();

describe("listed view: country and exact-address filters, saved filters, in the API, the CSV and the browser", () => {
  const account = newAccount("filters", "E2E Filters Org");
  let owner: TSeeded;
  let other: TSeeded;
  let readKey = "";
  let ips: TReportIp[] = [];
  let country = new Map<string, string | null>();
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    owner = await seedOrganisation(account);
    other = await seedOrganisation(newAccount("filters-other", "E2E Filters Other Org"));
    readKey = (await createApiKey({ tenantId: owner.tenantId, name: "viewer", scopes: ["read"] })).key;
    // A first upload's model scores the sample's scanners near 0.8: a block threshold below that
    // gives the dashboard's block-only panels something to show.
    await setTriageThresholds({ tenantId: owner.tenantId, block: 0.7, review: 0.5 });
    const uploadId = await uploadAndWait(baseUrl, owner.key, sampleWithV6());
    ips = await reportRows<TReportIp>(baseUrl, uploadId, owner.key);
    country = countriesOf(ips.map((i) => i.ip));
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    await signIn(page, baseUrl, account);
  });
  afterAll(async () => {
    await browser?.close();
    await closeDb();
  });

  const listed = async (query: string, key = owner.key): Promise<TListed> => {
    const res = await apiGet(baseUrl, `/api/v1/listed?${query}`, key);
    expect(res.status, query).toBe(200);
    return (await res.json()) as TListed;
  };
  const inCountry = (code: string) => ips.filter((i) => country.get(i.ip) === code);

  it("filters by registration country (any case), IPv4 and IPv6 alike, and combines it with the other filters", async () => {
    // The sample's German sources: a v4 one and the v6 one added above, as the CSV has them.
    const german = inCountry("DE");
    expect(sorted(german.map((i) => i.ip))).toEqual(["2a01:4f8::1", "77.90.185.20"]);
    const de = await listed("country=de");
    expect(de.total).toBe(german.length);
    expect(sorted(de.rows.map((r) => r.ip))).toEqual(sorted(german.map((i) => i.ip)));
    expect(de.rows.every((r) => r.country === "DE")).toBe(true);

    // Every country of the upload answers exactly its addresses.
    for (const code of new Set([...country.values()].filter((c): c is string => c !== null))) {
      const got = await listed(`country=${code}`);
      expect(sorted(got.rows.map((r) => r.ip)), code).toEqual(sorted(inCountry(code).map((i) => i.ip)));
    }

    // AND: country with bucket, with a CIDR, with a score floor.
    const bucket = german[0]?.bucket ?? "block";
    expect(sorted((await listed(`country=DE&bucket=${bucket}`)).rows.map((r) => r.ip))).toEqual(
      sorted(german.filter((i) => i.bucket === bucket).map((i) => i.ip)),
    );
    expect((await listed("country=DE&cidr=2a01:4f8::/32")).rows.map((r) => r.ip)).toEqual(["2a01:4f8::1"]);
    expect((await listed("country=US&cidr=2a01:4f8::/32")).total).toBe(0);
    const floor = Math.max(...german.map((i) => i.score));
    expect((await listed(`country=DE&min=${floor}`)).rows.map((r) => r.ip)).toEqual(
      german.filter((i) => i.score >= floor).map((i) => i.ip),
    );

    // The CSV of the filtered view: the same rows, with the country column.
    const csv = await apiGet(baseUrl, "/api/v1/listed?country=DE&format=csv", owner.key);
    expect(csv.status).toBe(200);
    const lines = (await csv.text()).trimEnd().split("\r\n");
    expect(lines[0]).toBe("ip,score,bucket,cluster,driver,asn,country,as_of,valid_until");
    const cells = lines.slice(1).map((l) => l.split(","));
    expect(sorted(cells.map((c) => c[0] ?? ""))).toEqual(sorted(german.map((i) => i.ip)));
    expect(cells.every((c) => c[6] === "DE")).toBe(true);

    // Another organisation lists nothing of this one's.
    expect((await listed("country=DE", other.key)).total).toBe(0);
  });

  it("finds one address exactly, however it is written, and refuses bad countries and addresses with 400", async () => {
    for (const spelling of ["2A01:4F8:0:0::1", "2a01:04f8:0000:0000:0000:0000:0000:0001", " 2a01:4f8::1 "]) {
      const got = await listed(`ip=${encodeURIComponent(spelling)}`);
      expect(
        got.rows.map((r) => [r.ip, r.country]),
        spelling,
      ).toEqual([["2a01:4f8::1", "DE"]]);
    }
    expect((await listed("ip=77.90.185.20")).rows.map((r) => r.ip)).toEqual(["77.90.185.20"]);
    // An address of the upload's network that is not itself listed: exact, not "inside".
    expect((await listed("ip=77.90.185.21")).total).toBe(0);
    expect((await listed("ip=77.90.185.20&country=US")).total).toBe(0);

    for (const bad of [
      "country=XX",
      "country=DEU",
      "country=UK",
      "country=1",
      "ip=300.1.2.3",
      "ip=10.0.0.0/8",
    ]) {
      const res = await apiGet(baseUrl, `/api/v1/listed?${bad}`, owner.key);
      expect(res.status, bad).toBe(400);
      const body = (await res.json()) as { error: string; issues: { fieldErrors: Record<string, string[]> } };
      const field = bad.split("=")[0] ?? "";
      expect(body.issues.fieldErrors[field]?.join(" "), bad).toMatch(/country code|address/);
    }
  });

  it("shows the country column and filters by country and exact IP in the browser, as the API does", async () => {
    const tableIps = () => page.locator("[data-testid=listed-table] tbody tr td:first-child").allInnerTexts();
    await page.goto(`${baseUrl}/listed`);
    await page.getByLabel("Country").fill("de");
    await page.getByRole("button", { name: "Filter", exact: true }).click();
    await page.waitForURL(/country=de/);
    expect(sorted(await tableIps())).toEqual(sorted(inCountry("DE").map((i) => i.ip)));
    const countryCells = await page
      .locator("[data-testid=listed-table] tbody tr td:nth-child(6)")
      .allInnerTexts();
    expect(new Set(countryCells)).toEqual(new Set(["DE"]));
    const csvHref = await page.getByTestId("listed-csv").getAttribute("href");
    expect(csvHref).toContain("country=DE");

    await page.getByLabel("Country").fill("");
    await page.getByLabel("Exact IP").fill("2001:4860:4860:0:0:0:0:8888");
    await page.getByRole("button", { name: "Filter", exact: true }).click();
    await page.waitForURL(/ip=/);
    expect(await tableIps()).toEqual(["2001:4860:4860::8888"]);

    await page.getByLabel("Exact IP").fill("");
    await page.getByLabel("Country").fill("ZZ");
    await page.getByRole("button", { name: "Filter", exact: true }).click();
    await expect.poll(() => page.getByTestId("listed-error").innerText()).toContain("country");
  });

  it("puts the top countries on the dashboard, the API's numbers, each linking to its list", async () => {
    const res = await apiGet(baseUrl, "/api/v1/dashboard", owner.key);
    const d = (await res.json()) as { topCountries: { country: string; listed: number }[] };
    const blocked = new Map<string, number>();
    for (const i of ips) {
      const c = country.get(i.ip);
      if (i.bucket === "block" && c) blocked.set(c, (blocked.get(c) ?? 0) + 1);
    }
    expect(blocked.size).toBeGreaterThan(0);
    expect(new Map(d.topCountries.map((c) => [c.country, c.listed]))).toEqual(blocked);

    await page.goto(`${baseUrl}/`);
    const panel = page.getByTestId("top-countries");
    const top = d.topCountries[0];
    await panel
      .getByRole("link", { name: String(top?.listed) })
      .first()
      .click();
    await page.waitForURL(new RegExp(`country=${top?.country}`));
    expect(Number(await page.getByTestId("listed-total").getAttribute("data-value"))).toBe(top?.listed);
  });

  it("saves a filter with a plain form post (no JavaScript), lists it, opens it, and deletes it, with audit rows", async () => {
    // The session of the signed-in owner in a context that runs no script: the forms must post natively.
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    await noJs.addCookies(await context.cookies());
    const plain = await noJs.newPage();
    try {
      await plain.goto(`${baseUrl}/listed?country=DE&bucket=block`);
      await plain.getByLabel("Filter name").fill("German blocks");
      await plain.getByRole("button", { name: "Save this filter" }).click();
      await plain.getByTestId("listed-note").waitFor();
      expect(plain.url()).toContain("country=DE");
      const link = plain.getByTestId("saved-filter-list").getByRole("link", { name: "German blocks" });
      expect(await link.getAttribute("href")).toBe("/listed?bucket=block&country=DE");

      // The same name again: refused in words, nothing saved twice.
      await plain.getByLabel("Filter name").fill("German blocks");
      await plain.getByRole("button", { name: "Save this filter" }).click();
      await plain.getByTestId("saved-filter-error").waitFor();
      expect(await plain.getByTestId("saved-filter-error").innerText()).toContain("exists already");
    } finally {
      await noJs.close();
    }

    const res = await apiGet(baseUrl, "/api/v1/filters", owner.key);
    expect(res.status).toBe(200);
    const { filters } = (await res.json()) as { filters: TSaved[] };
    expect(filters.map((f) => [f.name, f.filter, f.search])).toEqual([
      ["German blocks", { bucket: "block", country: "DE" }, "?bucket=block&country=DE"],
    ]);
    const saved = filters[0];
    const audit = await listAudit({ tenantId: owner.tenantId, action: "filter.save" });
    expect(audit.map((a) => a.target)).toEqual([saved?.id]);

    // The dashboard links it; opening it shows the filtered view.
    await page.goto(`${baseUrl}/`);
    await page.getByTestId("dashboard-saved-filters").getByRole("link", { name: "German blocks" }).click();
    await page.waitForURL(/country=DE/);
    const germanBlocks = inCountry("DE").filter((i) => i.bucket === "block").length;
    expect(Number(await page.getByTestId("listed-total").getAttribute("data-value"))).toBe(germanBlocks);

    await page.getByRole("button", { name: "Delete saved filter German blocks" }).click();
    await page.getByTestId("listed-note").waitFor();
    expect(await page.getByTestId("saved-filter").count()).toBe(0);
    const after = (await (await apiGet(baseUrl, "/api/v1/filters", owner.key)).json()) as {
      filters: TSaved[];
    };
    expect(after.filters).toEqual([]);
    const deleted = await listAudit({ tenantId: owner.tenantId, action: "filter.delete" });
    expect(deleted.map((a) => a.target)).toEqual([saved?.id]);
  });

  it("takes saved filters over the API: analysts create, viewers read, bad ones 400, another tenant 404", async () => {
    const post = (body: unknown, key = owner.key) =>
      fetch(`${baseUrl}/api/v1/filters`, {
        method: "POST",
        headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
    const created = await post({ name: "One v6 address", filter: { ip: "2A01:4F8::0001", country: "de" } });
    expect(created.status).toBe(201);
    const mine = (await created.json()) as TSaved;
    expect(mine.filter).toEqual({ ip: "2a01:4f8::1", country: "DE" });
    expect(mine.search).toBe("?ip=2a01%3A4f8%3A%3A1&country=DE");
    expect((await listed((mine.search ?? "").slice(1))).rows.map((r) => r.ip)).toEqual(["2a01:4f8::1"]);

    expect((await post({ name: "One v6 address", filter: {} })).status).toBe(409);
    for (const bad of [
      { name: "bad country", filter: { country: "XX" } },
      { name: "typo", filter: { contry: "DE" } },
      { name: "", filter: { bucket: "block" } },
      { name: "no filter" },
    ]) {
      const res = await post(bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
    }

    // A read-only key (what a viewer may do): reads the list, may not save.
    const viewerList = await apiGet(baseUrl, "/api/v1/filters", readKey);
    expect(viewerList.status).toBe(200);
    expect(((await viewerList.json()) as { filters: TSaved[] }).filters.map((f) => f.id)).toEqual([mine.id]);
    expect((await post({ name: "viewer's", filter: {} }, readKey)).status).toBe(403);

    // The other organisation sees none of them and cannot delete them.
    const theirs = (await (await apiGet(baseUrl, "/api/v1/filters", other.key)).json()) as {
      filters: TSaved[];
    };
    expect(theirs.filters).toEqual([]);
    const del = (id: string, key: string) =>
      fetch(`${baseUrl}/api/v1/filters/${id}`, {
        method: "DELETE",
        headers: { Authorization: `Bearer ${key}` },
      });
    expect((await del(mine.id, other.key)).status).toBe(404);
    expect((await del(mine.id, readKey)).status).toBe(403);
    expect((await del(mine.id, owner.key)).status).toBe(204);
    expect((await del(mine.id, owner.key)).status).toBe(404);
  });
});
