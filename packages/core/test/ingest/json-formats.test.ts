import { describe, expect, it } from "vitest";
import { accounted, ingestFixture } from "./ingest-fixture.ts";

describe("JSON line formats", () => {
  it("Suricata eve.json: alerts (blocked by the IPS = block), flows, other event types ignored", async () => {
    const { result, events } = await ingestFixture("suricata-eve.json");
    expect(result.byFormat).toEqual({ suricata: 3 });
    expect(result.ignoredByReason).toEqual({ "not-an-event": 1 });
    // "+0100" offset.
    expect(events[0]).toMatchObject({
      time: "2025-01-12T05:25:13.534Z",
      src: "203.0.113.60",
      srcPort: 41234,
      dst: "192.0.2.40",
      dstPort: 80,
      proto: "tcp",
      action: "alert",
    });
    expect(events[1]).toMatchObject({ action: "allow", proto: "udp", dstPort: 5060 });
    expect(events[2]).toMatchObject({ src: "2001:db8::61", action: "block" });
  });

  it("Cowrie: connects and commands are alerts, failed logins auth-failures", async () => {
    const { result, events } = await ingestFixture("cowrie.json");
    expect(result.byFormat).toEqual({ cowrie: 3 });
    expect(events.map((e) => e.action)).toEqual(["alert", "auth-failure", "alert"]);
    expect(events[0]).toMatchObject({
      src: "203.0.113.70",
      srcPort: 50412,
      dstPort: 2222,
      sensor: "honeypot-1",
    });
    expect(accounted(result)).toBe(true);
  });

  it("ECS JSON lines, nested and dotted keys", async () => {
    const { result, events } = await ingestFixture("ecs.jsonl");
    expect(result.byFormat).toEqual({ "ecs-json": 3 });
    expect(events[0]).toMatchObject({
      src: "203.0.113.120",
      srcPort: 40000,
      dst: "192.0.2.90",
      dstPort: 22,
      proto: "tcp",
      action: "block",
      sensor: "fw-ecs",
    });
    expect(events[1]).toMatchObject({
      src: "203.0.113.121",
      dstPort: 3389,
      action: "auth-failure",
      sensor: "win01",
    });
    expect(events[2]).toMatchObject({ src: "203.0.113.122", action: "alert" });
  });
});
