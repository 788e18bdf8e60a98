import { describe, expect, it } from "vitest";
import { rankIps, ZReportView } from "./report-view.ts";

describe("ZReportView", () => {
  it("reads a minimal report, filling what is missing instead of failing", () => {
    const view = ZReportView.parse({ ips: [{ ip: "192.0.2.1", events: 3 }] });
    expect(view.summary.events).toBe(0);
    expect(view.model).toBeNull();
    expect(view.daily).toBeNull();
    expect(view.topPorts).toBeNull();
    expect(view.ips).toEqual([
      {
        ip: "192.0.2.1",
        events: 3,
        score: null,
        verdict: "unknown",
        bucket: "unknown",
        asn: null,
        asOrg: null,
        country: null,
        reasons: [],
        features: {},
      },
    ]);
  });

  it("drops IP rows without an address and keeps the rest", () => {
    const view = ZReportView.parse({ ips: [{ events: 1 }, { ip: "198.51.100.7", events: 2, score: 0.5 }] });
    expect(view.ips.map((r) => r.ip)).toEqual(["198.51.100.7"]);
  });
});

describe("rankIps", () => {
  it("orders by score, then events, unscored last", () => {
    const rows = ZReportView.parse({
      ips: [
        { ip: "a", events: 1, score: 0.2 },
        { ip: "b", events: 9 },
        { ip: "c", events: 5, score: 0.9 },
        { ip: "d", events: 7, score: 0.2 },
      ],
    }).ips;
    expect(rankIps(rows).map((r) => r.ip)).toEqual(["c", "d", "a", "b"]);
  });
});

describe("chart inputs", () => {
  it("reads daily counts and top lists, dropping rows without a key or count", () => {
    const view = ZReportView.parse({
      ips: [],
      daily: [{ day: "2026-01-11", events: 4, flagged: 1 }, { day: "2026-01-10", events: 9 }, { events: 3 }],
      topPorts: [{ port: 22, events: 40, sources: 3 }, { events: 1 }],
      topAses: [{ asn: 64500, org: "Example Net", events: 7 }],
      topPrefixes: [{ prefix: "198.51.100.0/24", sources: 2 }],
    });
    expect(view.daily).toEqual([
      { day: "2026-01-10", events: 9, flagged: null, sources: null },
      { day: "2026-01-11", events: 4, flagged: 1, sources: null },
    ]);
    expect(view.topPorts?.map((r) => [r.label, r.events, r.sources])).toEqual([["22", 40, 3]]);
    expect(view.topAses?.[0]?.label).toBe("AS64500 Example Net");
    expect(view.topPrefixes?.[0]).toMatchObject({ label: "198.51.100.0/24", events: null, sources: 2 });
  });

  it("treats a malformed list as absent", () => {
    expect(ZReportView.parse({ ips: [], daily: "yes", topAses: [{ nothing: 1 }] })).toMatchObject({
      daily: null,
      topAses: null,
    });
  });
});
