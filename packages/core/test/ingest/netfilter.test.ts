import { describe, expect, it } from "vitest";
import { ZEvent } from "../../src/events/event.ts";
import { accounted, ingestFixture } from "./ingest-fixture.ts";

describe("netfilter / ufw", () => {
  it("parses IPv4, IPv6, ufw prefixes and RFC 3339 stamps, rejecting bad lines with reasons", async () => {
    const { result, events } = await ingestFixture("netfilter.log");
    expect(result.lines).toBe(9);
    expect(result.events).toBe(6);
    expect(result.rejectedByReason).toEqual({
      "invalid-address": 1,
      "invalid-port": 1,
      "invalid-timestamp": 1,
    });
    expect(accounted(result)).toBe(true);
    for (const e of events) expect(ZEvent.safeParse(e).success).toBe(true);
    const [first, ufwBlock, ufwAllow, v6, icmp, rfc3339] = events;
    // Dec 31 read with a Jan 2 2026 reference lands in 2025, Jan 1 in 2026.
    expect(first).toMatchObject({
      time: "2025-12-31T23:59:58.000Z",
      src: "203.0.113.5",
      srcPort: 51234,
      dst: "198.51.100.7",
      dstPort: 22,
      proto: "tcp",
      action: "block",
      sensor: "fw01",
      line: 1,
      offset: 0,
    });
    expect(ufwBlock).toMatchObject({
      time: "2026-01-01T00:00:03.000Z",
      src: "45.33.32.156",
      srcClass: "public",
      dstPort: 3389,
      action: "block",
    });
    expect(ufwAllow).toMatchObject({ action: "allow", dstPort: 443 });
    expect(v6).toMatchObject({ src: "2001:db8::42", dst: "2001:db8:ffff::1", proto: "udp", dstPort: 53 });
    expect(icmp).toMatchObject({
      src: "192.168.1.20",
      srcClass: "private",
      proto: "icmp",
      srcPort: null,
      dstPort: null,
    });
    // "+01:00" offset, IPv4-mapped source unwrapped.
    expect(rfc3339).toMatchObject({
      time: "2026-01-01T00:00:07.250Z",
      src: "198.51.100.200",
      sensor: "fw02",
      dstPort: 23,
    });
    expect(result.rejectedSamples.map((s) => s.line)).toEqual([7, 8, 9]);
  });

  it("rolls events up per day and source", async () => {
    const { result } = await ingestFixture("netfilter.log");
    const rollup = result.rollups.find((r) => r.ip === "45.33.32.156");
    expect(rollup).toMatchObject({
      day: "2026-01-01",
      events: 2,
      distinctPorts: 2,
      ports: { "443": 1, "3389": 1 },
      blockedPorts: { "3389": 1 },
      actions: { block: 1, allow: 1 },
      protocols: { tcp: 2 },
    });
    expect(result.sources).toBe(5);
    expect(result.first).toBe("2025-12-31T23:59:58.000Z");
  });
});
