import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { closeDb } from "@mlsec/db";
import { apiGet, waitForUpload } from "./api.ts";
import { launchChromium } from "./browser.ts";
import { recentFixture } from "./fixture.ts";
import { signIn } from "./portal.ts";
import { newAccount, seedOrganisation } from "./seed.ts";

const baseUrl = inject("baseUrl");

type TReportIp = { ip: string; score: number; bucket: string };
type TDashboard = {
  days: {
    day: string;
    events: number;
    sources: number;
    newSources: number;
    flagged: number;
    newFlagged: number;
  }[];
  totals: { events: number; sources: number; newSources: number; flagged: number; newFlagged: number };
  listed: { bucket: string; addresses: number }[];
  pendingReview: number;
  topAddresses: { ip: string; score: number }[];
  topNetworks: { key: string; listed: number; events: number[] }[];
};
type TListed = { total: number; rows: { ip: string; bucket: string; score: number }[] };

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const net24 = (ip: string) => `${ip.split(".").slice(0, 3).join(".")}.0/24`;

/**
 * Per day and address, the events of the uploaded file, read from the file itself (the syslog
 * stamp's day in the year of the upload, as the ingest infers it), independently of the platform.
 */
function eventsOfFile(bytes: Uint8Array): Map<string, Map<string, number>> {
  const year = new Date().getUTCFullYear();
  const days = new Map<string, Map<string, number>>();
  for (const m of new TextDecoder().decode(bytes).matchAll(/^(\w{3}) ([ \d]\d) .* SRC=(\S+) /gm)) {
    const month = MONTHS.indexOf(m[1] ?? "");
    let t = Date.UTC(year, month, Number((m[2] ?? "").trim()));
    // The file ends yesterday; a December stamp read in January belongs to last year.
    if (t > Date.now()) t = Date.UTC(year - 1, month, Number((m[2] ?? "").trim()));
    const day = new Date(t).toISOString().slice(0, 10);
    const perIp = days.get(day) ?? new Map<string, number>();
    perIp.set(m[3] ?? "", (perIp.get(m[3] ?? "") ?? 0) + 1);
    days.set(day, perIp);
  }
  return days;
}

describe("tenant dashboard and the listed view: numbers from every upload, each linked to its list", () => {
  const account = newAccount("dashboard", "E2E Dashboard Org");
  let key = "";
  let otherKey = "";
  let ips: TReportIp[] = [];
  let file = new Uint8Array();
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const owner = await seedOrganisation(account);
    key = owner.key;
    otherKey = (await seedOrganisation(newAccount("dashboard-other", "E2E Dashboard Other Org"))).key;
    file = recentFixture();
    const res = await fetch(`${baseUrl}/api/v1/uploads?filename=ufw-sample.log`, {
      method: "POST",
      headers: { Authorization: `Bearer ${key}` },
      body: file,
    });
    expect(res.status).toBe(202);
    const uploadId = String(((await res.json()) as { id: unknown }).id);
    const final = await waitForUpload(baseUrl, uploadId, key);
    expect(final.status).toBe("done");
    ips = (
      (await (await apiGet(baseUrl, `/api/v1/uploads/${uploadId}/report`, key)).json()) as {
        ips: TReportIp[];
      }
    ).ips;
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1024, height: 900 } })).newPage();
    await signIn(page, baseUrl, account);
  });
  afterAll(async () => {
    await browser?.close();
    await closeDb();
  });

  const dashboard = async (k = key): Promise<TDashboard> => {
    const res = await apiGet(baseUrl, "/api/v1/dashboard", k);
    expect(res.status).toBe(200);
    return (await res.json()) as TDashboard;
  };
  const listed = async (query: string): Promise<TListed> => {
    const res = await apiGet(baseUrl, `/api/v1/listed?${query}`, key);
    expect(res.status).toBe(200);
    return (await res.json()) as TListed;
  };

  it("counts events, sources, new sources and flagged addresses per day as the file has them", async () => {
    const d = await dashboard();
    const perDay = eventsOfFile(file);
    const blocked = new Set(ips.filter((i) => i.bucket === "block").map((i) => i.ip));
    expect(blocked.size).toBeGreaterThan(0);
    const firstDay = new Map<string, string>();
    for (const [day, perIp] of [...perDay].sort(([a], [b]) => a.localeCompare(b)))
      for (const ip of perIp.keys()) if (!firstDay.has(ip)) firstDay.set(ip, day);
    const expected = [...perDay]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([day, perIp]) => {
        const active = [...perIp.keys()];
        return {
          day,
          events: [...perIp.values()].reduce((a, b) => a + b, 0),
          sources: active.length,
          newSources: active.filter((ip) => firstDay.get(ip) === day).length,
          flagged: active.filter((ip) => blocked.has(ip)).length,
          newFlagged: active.filter((ip) => blocked.has(ip) && firstDay.get(ip) === day).length,
        };
      });
    expect(d.days).toEqual(expected);
    expect(d.totals.events).toBe(expected.reduce((n, x) => n + x.events, 0));
    expect(d.totals.sources).toBe(firstDay.size);
    expect(d.totals.flagged).toBe(blocked.size);
    // Returning attackers exist in this file: some flagged address is active after its first day.
    expect(expected.some((x) => x.flagged > x.newFlagged)).toBe(true);
  });

  it("lists per bucket what the report scored, the top addresses and networks, and an empty other tenant", async () => {
    const d = await dashboard();
    const count = (b: string) => ips.filter((i) => i.bucket === b).length;
    for (const b of ["block", "review", "allow"])
      expect(d.listed.find((x) => x.bucket === b)?.addresses ?? 0, b).toBe(count(b));
    expect(d.pendingReview).toBe(count("review"));
    const topBlocked = ips
      .filter((i) => i.bucket === "block")
      .sort((a, b) => b.score - a.score)
      .slice(0, 10);
    expect(d.topAddresses.map((a) => a.score)).toEqual(topBlocked.map((a) => a.score));
    const top = d.topNetworks[0];
    expect(top).toBeDefined();
    const inTop = ips.filter((i) => i.bucket === "block" && net24(i.ip) === top?.key);
    expect(top?.listed).toBe(inTop.length);
    expect(top?.events.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);

    const other = await dashboard(otherKey);
    expect(other.totals).toEqual({ events: 0, sources: 0, newSources: 0, flagged: 0, newFlagged: 0 });
    expect(other.listed).toEqual([]);
  });

  it("filters the listed view by bucket, CIDR, score range and day, and exports the same rows as CSV", async () => {
    const d = await dashboard();
    const block = await listed("bucket=block");
    expect(block.total).toBe(d.listed.find((x) => x.bucket === "block")?.addresses);
    expect(block.rows.every((r) => r.bucket === "block")).toBe(true);

    const top = d.topNetworks[0]?.key ?? "";
    const inNet = await listed(`bucket=block&cidr=${encodeURIComponent(top)}`);
    expect(inNet.total).toBe(d.topNetworks[0]?.listed);
    expect(inNet.rows.every((r) => net24(r.ip) === top)).toBe(true);

    const lowest = Math.min(...ips.map((i) => i.score));
    const highest = Math.max(...ips.map((i) => i.score));
    const mid = (lowest + highest) / 2;
    const upper = await listed(`min=${mid}`);
    expect(upper.total).toBe(ips.filter((i) => i.score >= mid).length);

    const day = d.days[d.days.length - 1];
    const activeBlock = await listed(`bucket=block&day=${day?.day ?? ""}`);
    expect(activeBlock.total).toBe(day?.flagged);

    const csv = await apiGet(baseUrl, "/api/v1/listed?bucket=block&format=csv", key);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const lines = (await csv.text()).trimEnd().split("\r\n");
    expect(lines[0]).toBe("ip,score,bucket,cluster,driver,asn,country,as_of,valid_until");
    expect(new Set(lines.slice(1).map((l) => l.split(",")[0]))).toEqual(new Set(block.rows.map((r) => r.ip)));

    for (const bad of ["cidr=10.0.0.0/99", "cidr=not-an-ip", "bucket=everything", "min=2", "day=yesterday"]) {
      const res = await apiGet(baseUrl, `/api/v1/listed?${bad}`, key);
      expect(res.status, bad).toBe(400);
    }
  });

  it("shows the API's numbers in the browser, each linking to its filtered list, without horizontal scroll at 1024 px", async () => {
    const d = await dashboard();
    await page.goto(`${baseUrl}/`);
    const stat = async (id: string) =>
      Number(await page.getByTestId(`stat-${id}`).getAttribute("data-value"));
    expect(await stat("events")).toBe(d.totals.events);
    expect(await stat("sources")).toBe(d.totals.sources);
    expect(await stat("new-flagged")).toBe(d.totals.newFlagged);
    expect(await stat("pending")).toBe(d.pendingReview);
    await page.getByTestId("chart-activity").locator("canvas").waitFor();
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);

    await page.getByTestId("stat-listed-block").getByRole("link").click();
    await page.waitForURL(/\/listed\?bucket=block/);
    expect(Number(await page.getByTestId("listed-total").getAttribute("data-value"))).toBe(
      d.listed.find((x) => x.bucket === "block")?.addresses,
    );
    expect(await overflow()).toBeLessThanOrEqual(0);

    // The filter form submits the same query names the API reads.
    const top = d.topNetworks[0];
    await page.getByLabel("Address or CIDR").fill(top?.key ?? "");
    await page.getByRole("button", { name: "Filter", exact: true }).click();
    await page.waitForURL(/cidr=/);
    expect(Number(await page.getByTestId("listed-total").getAttribute("data-value"))).toBe(top?.listed);
    await page.getByLabel("Address or CIDR").fill("300.1.2.3");
    await page.getByRole("button", { name: "Filter", exact: true }).click();
    await page.getByTestId("listed-error").waitFor();
  });

  it("says in the uploader's words why an upload failed and what to do next", async () => {
    const res = await fetch(`${baseUrl}/api/v1/uploads?filename=notes.txt`, {
      method: "POST",
      headers: { Authorization: `Bearer ${key}` },
      body: "these are my meeting notes\nnot a firewall log\n",
    });
    expect(res.status).toBe(202);
    const id = String(((await res.json()) as { id: unknown }).id);
    expect((await waitForUpload(baseUrl, id, key)).status).toBe("failed");
    await page.goto(`${baseUrl}/uploads/${id}`);
    const error = page.getByTestId("upload-error");
    await error.waitFor();
    const text = await error.innerText();
    expect(text).toContain("None of the file's lines is in a format mlsec reads.");
    expect(text).toContain("Check your firewall's export settings");
    // The technical reason stays beside the advice, for whoever has to dig further.
    expect(text).toContain("no line could be read");
  });
});
