import { describe, expect, it } from "vitest";
import { buildReport } from "../../src/pipeline/build-report.ts";
import { ZReport, type TScoredIp } from "../../src/report/report-schema.ts";
import { summariseGroups } from "../../src/report/summarise-groups.ts";
import { summariseTraffic } from "../../src/report/summarise-traffic.ts";
import type { TIpDayRollup } from "../../src/rollup/ip-day-rollup.ts";

const rollup = (day: string, ip: string, events: number, ports: Record<string, number>): TIpDayRollup => ({
  day,
  ip,
  events,
  distinctPorts: Object.keys(ports).length,
  ports,
  blockedPorts: ports,
  protocols: { tcp: events },
  actions: { block: events },
  firstSeen: `${day}T00:00:00.000Z`,
  lastSeen: `${day}T01:00:00.000Z`,
});

const scored = (
  ip: string,
  verdict: "malicious" | "benign",
  asn: number | null,
  events: number,
): TScoredIp => ({
  ip,
  events,
  score: verdict === "malicious" ? 0.95 : 0.1,
  verdict,
  bucket: verdict === "malicious" ? "block" : "allow",
  asn,
  asOrg: asn ? `AS org ${asn}` : null,
  country: asn ? "DE" : null,
  reasons: [],
  features: {},
});

describe("summariseTraffic", () => {
  const rollups = [
    rollup("2026-10-02", "192.0.2.1", 5, { "22": 5 }),
    rollup("2026-10-01", "192.0.2.1", 3, { "22": 2, "23": 1 }),
    rollup("2026-10-01", "198.51.100.9", 10, { "443": 10 }),
  ];

  it("counts events, sources and flagged sources per day, in day order", () => {
    const t = summariseTraffic(rollups, { flagged: new Set(["192.0.2.1"]) });
    expect(t.daily).toEqual([
      { day: "2026-10-01", events: 13, sources: 2, flagged: 1 },
      { day: "2026-10-02", events: 5, sources: 1, flagged: 1 },
    ]);
  });

  it("ranks destination ports by events and counts the (source, day) pairs that hit them", () => {
    const t = summariseTraffic(rollups, { flagged: new Set(["192.0.2.1"]), topPorts: 2 });
    expect(t.topPorts).toEqual([
      { port: 443, events: 10, blocked: 10, sourceDays: 1, flaggedSourceDays: 0 },
      { port: 22, events: 7, blocked: 7, sourceDays: 2, flaggedSourceDays: 2 },
    ]);
  });
});

describe("summariseGroups", () => {
  const ips = [
    scored("192.0.2.1", "malicious", 64500, 4),
    scored("192.0.2.77", "malicious", 64500, 1),
    scored("198.51.100.9", "benign", 64501, 100),
    scored("2001:db8:1:2::5", "malicious", null, 2),
  ];

  it("ranks ASes, /24s (IPv6 /64s) and countries by flagged sources first", () => {
    const g = summariseGroups(ips);
    expect(g.topAses[0]).toEqual({ asn: 64500, org: "AS org 64500", sources: 2, flagged: 2, events: 5 });
    expect(g.topAses[1]?.asn).toBe(64501);
    expect(g.topPrefixes.map((p) => p.prefix)).toEqual([
      "192.0.2.0/24",
      "2001:db8:1:2::/64",
      "198.51.100.0/24",
    ]);
    expect(g.topCountries).toEqual([{ country: "DE", sources: 3, flagged: 2, events: 105 }]);
  });
});

describe("buildReport", () => {
  it("carries the new sections and still parses as schema version 1", () => {
    const report = buildReport({
      uploadId: null,
      asOf: "2026-10-03",
      ingest: {
        lines: 3,
        events: 18,
        rejected: 0,
        byFormat: {},
        rejectedByReason: {},
        rejectedSamples: [],
        sources: 2,
        first: null,
        last: null,
      },
      scored: [scored("192.0.2.1", "malicious", 64500, 8)],
      model: null,
      modelVersion: null,
      modelNote: "none",
      traffic: { daily: [{ day: "2026-10-01", events: 18, sources: 2, flagged: 1 }], topPorts: [] },
      triage: { block: 0.8, review: 0.3 },
      halfLifeDays: 4,
    });
    const parsed = ZReport.parse(JSON.parse(JSON.stringify(report)));
    expect(parsed.triage).toEqual({ block: 0.8, review: 0.3 });
    expect(parsed.halfLifeDays).toBe(4);
    expect(parsed.daily).toHaveLength(1);
    expect(parsed.topAses[0]?.asn).toBe(64500);
  });

  it("reads an older report without the new fields, filling defaults", () => {
    const old = {
      schemaVersion: 1,
      uploadId: null,
      generatedAt: "x",
      asOf: "2026-10-03",
      summary: {
        lines: 0,
        events: 0,
        rejected: 0,
        sources: 0,
        flagged: 0,
        first: null,
        last: null,
        buckets: { block: 0, review: 0, allow: 0 },
      },
      formats: {},
      rejected: { byReason: {}, samples: [] },
      model: null,
      modelNote: null,
      ips: [
        {
          ip: "192.0.2.1",
          events: 1,
          score: 0.2,
          verdict: "benign",
          bucket: "allow",
          asn: null,
          asOrg: null,
          reasons: [],
          features: {},
        },
      ],
    };
    const parsed = ZReport.parse(old);
    expect(parsed.daily).toEqual([]);
    expect(parsed.ips[0]?.country).toBeNull();
    expect(parsed.triage.block).toBe(0.9);
  });
});
