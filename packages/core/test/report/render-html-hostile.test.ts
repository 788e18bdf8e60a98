// The HTML report with script payloads in every string it prints (log-derived: rejected-line
// reasons, dates; data-derived: AS names, countries, prefixes, reasons, the model note), opened in
// Debian's Chromium: nothing runs, and each payload shows as text.
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderReportHtml } from "../../src/report/render-html.ts";
import { ZReport } from "../../src/report/report-schema.ts";

const X = (tag: string) =>
  `<img src=x onerror="window.__xss='${tag}'"><script>window.__xss='${tag}'</script>`;
const ATTR = `" onmouseover="window.__xss='attr'" x="`;

const groups = { sources: 1, flagged: 1, events: 1 };
const report = ZReport.parse({
  schemaVersion: 1,
  uploadId: X("upload"),
  generatedAt: X("generated"),
  asOf: X("asof"),
  summary: {
    lines: 1,
    events: 1,
    rejected: 1,
    sources: 1,
    flagged: 1,
    first: X("first"),
    last: X("last") + ATTR,
    buckets: { block: 1, review: 0, allow: 0 },
  },
  formats: { [X("format")]: 1 },
  rejected: { byReason: { [X("reason")]: 1 }, samples: [{ reason: X("sample"), line: 1, text: X("line") }] },
  model: null,
  modelNote: X("note"),
  daily: [{ day: X("day") + ATTR, events: 1, sources: 1, flagged: 1 }],
  topPorts: [{ port: 22, events: 1, blocked: 1, sourceDays: 1, flaggedSourceDays: 1 }],
  topAses: [{ asn: 64500, org: "<script>x", ...groups }],
  topPrefixes: [{ prefix: "<img src=x>", ...groups }],
  topCountries: [{ country: ATTR, ...groups }],
  ips: [
    {
      ip: X("ip"),
      events: 1,
      score: 0.99,
      verdict: "malicious",
      bucket: "block",
      asn: 64500,
      asOrg: X("asorg"),
      country: X("country"),
      reasons: [X("reasons")],
      features: {},
    },
  ],
});

let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox"],
  });
});
afterAll(async () => browser?.close());

describe("HTML report with hostile strings", () => {
  it("has no markup from the data: no script, no image, no event attribute", () => {
    const html = renderReportHtml(report);
    // Escaped text has no raw "<", so every tag found is markup the renderer wrote itself.
    const tags = html.match(/<[a-z][^>]*>/gi) ?? [];
    expect(tags.length).toBeGreaterThan(20);
    expect(tags.filter((t) => /^<(script|img)\b|\son\w+\s*=/i.test(t))).toEqual([]);
    expect(html).toContain("&lt;script&gt;window.__xss=&#39;reasons&#39;&lt;/script&gt;");
  });

  it("runs nothing in a browser and shows each payload as text", async () => {
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.setContent(renderReportHtml(report), { waitUntil: "load" });
    await page.mouse.move(10, 10);
    for (const el of await page.locator("rect, text, td").all())
      await el.hover({ force: true, timeout: 500 }).catch(() => undefined);
    expect(await page.evaluate(() => (globalThis as unknown as { __xss?: string }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
    const text = await page.locator("body").innerText();
    for (const tag of ["reasons", "asorg", "country", "note", "reason", "asof"])
      expect(text).toContain(X(tag));
    await page.close();
  });
});
