import { describe, expect, it } from "vitest";
import { rankIps, ZReportView } from "./report-view.ts";

describe("ZReportView", () => {
  it("reads a minimal report, filling what is missing instead of failing", () => {
    const view = ZReportView.parse({ ips: [{ ip: "192.0.2.1", events: 3 }] });
    expect(view.summary.events).toBe(0);
    expect(view.model).toBeNull();
    expect(view.ips).toEqual([
      {
        ip: "192.0.2.1",
        events: 3,
        score: null,
        verdict: "unknown",
        bucket: "unknown",
        asn: null,
        asOrg: null,
        reasons: [],
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
