import { describe, expect, it } from "vitest";
import { ZIpQuery } from "./api-schemas/reports.ts";
import { indexIps, queryIps } from "./ip-query.ts";
import { ZIpRow, type TIpRow } from "./report-view.ts";

const row = (
  ip: string,
  score: number,
  events: number,
  bucket: string,
  asOrg: string | null = null,
): TIpRow =>
  ZIpRow.parse({
    ip,
    score,
    events,
    bucket,
    verdict: score >= 0.5 ? "malicious" : "benign",
    asn: 64500,
    asOrg,
  });

const rows = [
  row("10.0.0.10", 0.95, 3, "block", "Acme Hosting"),
  row("10.0.0.9", 0.95, 8, "block"),
  row("10.0.0.2", 0.6, 1, "review", "acme hosting"),
  row("2001:db8::1", 0.1, 50, "allow"),
  row("192.0.2.1", 0.3, 2, "allow"),
];

describe("ZIpQuery", () => {
  it("fills defaults and clamps what it cannot use instead of failing", () => {
    expect(ZIpQuery.parse({})).toEqual({ page: 1, size: 50, sort: "score", order: "desc" });
    const q = ZIpQuery.parse({
      page: "-3",
      size: "100000",
      sort: "drop table",
      bucket: "nope",
      q: "  ACME ",
    });
    expect(q).toMatchObject({ page: 1, size: 50, sort: "score", bucket: undefined, q: "acme" });
  });
});

describe("queryIps", () => {
  const index = indexIps(rows);
  const ips = (query: Record<string, string>) => queryIps(index, ZIpQuery.parse(query)).rows.map((r) => r.ip);

  it("sorts by score then events, descending by default", () => {
    expect(ips({})).toEqual(["10.0.0.9", "10.0.0.10", "10.0.0.2", "192.0.2.1", "2001:db8::1"]);
  });

  it("sorts addresses by value, not as text", () => {
    expect(ips({ sort: "ip", order: "asc" })).toEqual([
      "10.0.0.2",
      "10.0.0.9",
      "10.0.0.10",
      "192.0.2.1",
      "2001:db8::1",
    ]);
    expect(ips({ sort: "events", order: "desc" })[0]).toBe("2001:db8::1");
  });

  it("pages with totals and filters by bucket, verdict and text on ip and AS org", () => {
    const page2 = queryIps(index, ZIpQuery.parse({ size: "2", page: "2" }));
    expect(page2).toMatchObject({ total: 5, pages: 3, page: 2 });
    expect(page2.rows.map((r) => r.ip)).toEqual(["10.0.0.2", "192.0.2.1"]);
    expect(ips({ bucket: "block" })).toEqual(["10.0.0.9", "10.0.0.10"]);
    expect(ips({ verdict: "benign" })).toEqual(["192.0.2.1", "2001:db8::1"]);
    expect(ips({ q: "ACME" })).toEqual(["10.0.0.10", "10.0.0.2"]);
    expect(ips({ q: "2001:db8" })).toEqual(["2001:db8::1"]);
    expect(queryIps(index, ZIpQuery.parse({ q: "as64500", bucket: "allow" })).total).toBe(2);
  });
});
