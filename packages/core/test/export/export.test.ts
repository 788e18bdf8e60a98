import { describe, expect, it } from "vitest";
import {
  exportBlocklist,
  exportCsv,
  exportJson,
  exportSetFromReport,
  exportStix,
  indicatorLifetimeDays,
  renderExport,
  uuidV5,
} from "../../src/export/index.ts";
import { ZReport, type TReport, type TScoredIp } from "../../src/report/report-schema.ts";
import { stixBundleValidator } from "./stix-validator.ts";
import { MS_PER_DAY } from "../../src/day/index.ts";

const ip = (over: Partial<TScoredIp> & { ip: string; score: number }): TScoredIp => ({
  events: 10,
  verdict: over.score >= 0.5 ? "malicious" : "benign",
  bucket: over.score >= 0.9 ? "block" : over.score >= 0.5 ? "review" : "allow",
  asn: 64500,
  asOrg: 'Example "Hosting", Inc.',
  country: "NL",
  reasons: ["its own port-scan rank = 2.000 (80% of the training range)"],
  features: { "ip:port-scan": 2, "net1:port-scan": 0.1 },
  ...over,
});

const report: TReport = ZReport.parse({
  schemaVersion: 1,
  uploadId: "u1",
  generatedAt: "2026-10-22T10:00:00.000Z",
  asOf: "2026-10-22",
  summary: {
    lines: 3,
    events: 30,
    rejected: 0,
    sources: 3,
    flagged: 2,
    first: null,
    last: null,
    buckets: { block: 1, review: 1, allow: 1 },
  },
  formats: {},
  rejected: { byReason: {}, samples: [] },
  model: null,
  modelNote: null,
  halfLifeDays: 6,
  ips: [
    ip({ ip: "198.51.100.7", score: 0.97 }),
    ip({ ip: "2001:db8::5", score: 0.6, features: { "ip:port-scan": 0 } }),
    ip({ ip: "192.0.2.1", score: 0.1 }),
  ],
});
const now = new Date("2026-10-23T00:00:00.000Z");

describe("exports of a report", () => {
  it("filters by min score and bucket, highest score first", () => {
    const all = exportSetFromReport(report, { tenantId: "t1", filter: { min: 0 }, now });
    expect(all.entries.map((e) => e.scored.ip)).toEqual(["198.51.100.7", "2001:db8::5", "192.0.2.1"]);
    const min = exportSetFromReport(report, { tenantId: "t1", filter: { min: 0.5 }, now });
    expect(min.entries).toHaveLength(2);
    const review = exportSetFromReport(report, {
      tenantId: "t1",
      filter: { min: 0, buckets: ["review"] },
      now,
    });
    expect(review.entries.map((e) => e.scored.ip)).toEqual(["2001:db8::5"]);
  });

  it("writes CSV with a header and quotes fields holding commas and quotes", () => {
    const csv = exportCsv(exportSetFromReport(report, { tenantId: "t1", filter: { min: 0.9 }, now }));
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe("ip,score,verdict,bucket,events,asn,as_org,country,as_of,reasons");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(
      '198.51.100.7,0.970000,malicious,block,10,64500,"Example ""Hosting"", Inc.",NL,2026-10-22,',
    );
  });

  it("writes a plain list with a comment header, one address a line", () => {
    const txt = exportBlocklist(exportSetFromReport(report, { tenantId: "t1", filter: { min: 0.5 }, now }));
    const lines = txt.trimEnd().split("\n");
    expect(lines.filter((l) => l.startsWith("#")).length).toBeGreaterThan(0);
    expect(lines.filter((l) => !l.startsWith("#"))).toEqual(["198.51.100.7", "2001:db8::5"]);
  });

  it("writes JSON that round-trips the scored IPs", () => {
    const parsed = JSON.parse(
      exportJson(exportSetFromReport(report, { tenantId: "t1", filter: { min: 0 }, now })),
    ) as {
      count: number;
      ips: { ip: string; asOf: string }[];
    };
    expect(parsed.count).toBe(3);
    expect(parsed.ips[0]).toMatchObject({ ip: "198.51.100.7", asOf: "2026-10-22", country: "NL" });
  });
});

describe("STIX 2.1 bundle", () => {
  const validate = stixBundleValidator();
  const set = exportSetFromReport(report, { tenantId: "t1", filter: { min: 0.5 }, now });

  it("validates against the OASIS STIX 2.1 schemas", () => {
    const bundle = exportStix(set);
    expect(validate(bundle)).toEqual([]);
    expect(bundle.objects.map((o) => o.type)).toEqual(["identity", "indicator", "indicator"]);
  });

  it("the validator rejects a broken bundle (so the check above can fail)", () => {
    const bundle = exportStix(set);
    const broken = { ...bundle, objects: bundle.objects.map((o) => ({ ...o, id: "indicator--not-a-uuid" })) };
    expect(validate(broken).length).toBeGreaterThan(0);
  });

  it("uses patterns per address family and stable ids", () => {
    const bundle = exportStix(set);
    const patterns = bundle.objects.flatMap((o) => (o.type === "indicator" ? [o.pattern] : []));
    expect(patterns).toEqual(["[ipv4-addr:value = '198.51.100.7']", "[ipv6-addr:value = '2001:db8::5']"]);
    const again = exportStix(
      exportSetFromReport(report, { tenantId: "t1", filter: { min: 0.5 }, now: new Date() }),
    );
    expect(again).toEqual(bundle);
    const other = exportStix(exportSetFromReport(report, { tenantId: "t2", filter: { min: 0.5 }, now }));
    expect(other.objects[1]?.id).not.toBe(bundle.objects[1]?.id);
  });

  it("sets valid_until from the decayed own rank: h·log2(R/0.5), at least one half-life", () => {
    const bundle = exportStix(set);
    const [, strong, weak] = bundle.objects;
    const days = (o: typeof strong) =>
      (Date.parse(String(o?.valid_until)) - Date.parse(String(o?.valid_from))) / MS_PER_DAY;
    // R = 2 with h = 6: 6·log2(4) = 12 days; R = 0 (neighbourhood only): one half-life.
    expect(days(strong)).toBeCloseTo(12, 6);
    expect(days(weak)).toBeCloseTo(6, 6);
    expect(strong?.valid_from).toBe("2026-10-22T00:00:00.000Z");
    expect(indicatorLifetimeDays(ip({ ip: "x", score: 1, features: { "ip:a": 1e9 } }), 6)).toBe(90);
  });

  it("renders every format with a media type", () => {
    for (const format of ["csv", "json", "txt", "stix"] as const) {
      const out = renderExport(set, format);
      expect(out.body.length).toBeGreaterThan(0);
      expect(out.contentType).toMatch(/\//);
    }
    expect(JSON.parse(renderExport(set, "stix").body)).toEqual(exportStix(set));
  });
});

describe("uuidV5", () => {
  it("matches the RFC 4122 DNS-namespace example value for python.org", () => {
    // Python: uuid.uuid5(uuid.NAMESPACE_DNS, "python.org") == 886313e1-3b8a-5372-9b90-0c9aee199e5d
    expect(uuidV5("python.org", "6ba7b810-9dad-11d1-80b4-00c04fd430c8")).toBe(
      "886313e1-3b8a-5372-9b90-0c9aee199e5d",
    );
  });
});
