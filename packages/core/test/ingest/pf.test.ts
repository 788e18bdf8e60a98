import { describe, expect, it } from "vitest";
import { accounted, ingestFixture } from "./ingest-fixture.ts";

describe("pf", () => {
  it("reads OpenBSD tcpdump -n -e -ttt pflog text, old and new rule syntax, IPv6 and ICMP", async () => {
    const { result, events } = await ingestFixture("pf-tcpdump.txt", {
      referenceDate: new Date("2025-06-01T00:00:00Z"),
    });
    expect(result.byFormat).toEqual({ pf: 4 });
    expect(events[0]).toMatchObject({
      time: "2025-03-15T09:52:24.524Z",
      src: "198.51.100.9",
      srcPort: 41234,
      dst: "192.0.2.1",
      dstPort: 22,
      proto: "tcp",
      action: "block",
      sensor: "em0",
    });
    expect(events[1]).toMatchObject({ src: "203.0.113.77", srcPort: 53, dstPort: 33433, proto: "udp" });
    expect(events[2]).toMatchObject({
      src: "2001:db8::5",
      srcPort: 51000,
      dst: "2001:db8::1",
      dstPort: 443,
      action: "allow",
    });
    expect(events[3]).toMatchObject({ src: "198.51.100.10", srcPort: null, dstPort: null, proto: "icmp" });
    expect(accounted(result)).toBe(true);
  });

  it("reads pfSense and OPNsense filterlog CSV for IPv4 and IPv6", async () => {
    const { result, events } = await ingestFixture("pf-filterlog.log");
    expect(result.byFormat).toEqual({ "pf-filterlog": 4 });
    expect(events[0]).toMatchObject({
      src: "198.51.100.7",
      srcPort: 51234,
      dst: "192.0.2.1",
      dstPort: 22,
      proto: "tcp",
      action: "block",
      sensor: "pfSense",
    });
    expect(events[1]).toMatchObject({ proto: "udp", dstPort: 137 });
    expect(events[2]).toMatchObject({ src: "2001:db8::9", dstPort: 443, action: "allow" });
    expect(events[3]).toMatchObject({
      time: "2025-01-12T06:25:16.000Z",
      src: "45.33.32.156",
      dstPort: 8080,
      sensor: "OPNsense.localdomain",
    });
  });
});
