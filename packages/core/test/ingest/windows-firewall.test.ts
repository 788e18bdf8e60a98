import { describe, expect, it } from "vitest";
import { accounted, ingestFixture } from "./ingest-fixture.ts";

describe("Windows Firewall pfirewall.log", () => {
  it("honours #Fields headers, including a changed layout mid-file, and CRLF line ends", async () => {
    const { result, events } = await ingestFixture("windows-firewall.log");
    expect(result.events).toBe(4);
    expect(result.ignoredByReason).toEqual({ header: 5, blank: 1 });
    expect(accounted(result)).toBe(true);
    expect(events[0]).toMatchObject({
      time: "2025-01-12T06:25:13.000Z",
      src: "203.0.113.20",
      srcPort: 51234,
      dst: "192.0.2.30",
      dstPort: 3389,
      proto: "tcp",
      action: "block",
    });
    expect(events[1]).toMatchObject({ action: "allow", proto: "udp" });
    expect(events[2]).toMatchObject({ proto: "icmp", srcPort: null });
    // After "#Fields: date time action protocol src-ip src-port dst-port path" there is no dst-ip.
    expect(events[3]).toMatchObject({ src: "203.0.113.22", srcPort: 40000, dstPort: 445, dst: null });
  });
});
