import { describe, expect, it } from "vitest";
import { accounted, ingestFixture } from "./ingest-fixture.ts";

describe("Cisco ASA / FTD", () => {
  it("parses each documented deny message and threat detection 733101", async () => {
    const { result, events } = await ingestFixture("cisco-asa.log");
    expect(result.events).toBe(10);
    expect(result.ignoredByReason).toEqual({ "not-an-event": 1 }); // 302013 "Built inbound"
    expect(accounted(result)).toBe(true);
    const bySrc = new Map(events.map((e) => [e.src, e]));
    expect(bySrc.get("203.0.113.5")).toMatchObject({
      srcPort: 51234,
      dst: "192.0.2.10",
      dstPort: 22,
      proto: "tcp",
      action: "block",
      sensor: "asa01",
    });
    expect(bySrc.get("203.0.113.6")).toMatchObject({ proto: "udp", dstPort: 1434 });
    expect(bySrc.get("203.0.113.7")).toMatchObject({ dstPort: 5353 });
    expect(bySrc.get("203.0.113.8")).toMatchObject({ proto: "icmp", dst: "192.0.2.10", dstPort: null });
    expect(bySrc.get("203.0.113.9")).toMatchObject({ srcPort: 443, dstPort: 51000 });
    expect(bySrc.get("203.0.113.10")).toMatchObject({ dstPort: 445 });
    expect(bySrc.get("203.0.113.11")).toMatchObject({ srcPort: 40001, dstPort: 3389, action: "block" });
    expect(bySrc.get("203.0.113.12")).toMatchObject({ dst: "192.0.2.1", dstPort: 22 });
    expect(bySrc.get("203.0.113.13")).toMatchObject({
      action: "alert",
      dstPort: null,
      time: "2025-01-12T06:25:21.000Z",
    });
    expect(bySrc.get("2001:db8::77")).toMatchObject({ dst: "2001:db8::10", proto: "udp", dstPort: 5060 });
  });
});
