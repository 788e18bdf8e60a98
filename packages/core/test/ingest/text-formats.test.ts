import { describe, expect, it } from "vitest";
import { accounted, ingestFixture } from "./ingest-fixture.ts";

describe("CEF, DShield and CSV", () => {
  it("CEF: header escapes, rt as date or epoch ms, act mapping, missing src rejected", async () => {
    const { result, events } = await ingestFixture("cef.log", {
      referenceDate: new Date("2025-10-01T00:00:00Z"),
    });
    expect(result.byFormat).toEqual({ cef: 3 });
    expect(result.rejectedByReason).toEqual({ "missing-field": 1 });
    // ArcSight's own example: syslog-stamped, no rt.
    expect(events[0]).toMatchObject({
      time: "2025-09-19T08:26:10.000Z",
      src: "10.0.0.1",
      srcClass: "private",
      srcPort: 1232,
      dst: "2.1.2.2",
      action: "alert",
      sensor: "host",
    });
    expect(events[1]).toMatchObject({
      time: "2025-01-12T06:25:13.000Z",
      src: "203.0.113.80",
      dstPort: 23,
      proto: "tcp",
      action: "block",
      sensor: "pa-fw01",
    });
    expect(events[2]).toMatchObject({ time: "2025-01-12T06:25:14.000Z", src: "203.0.113.81", dstPort: 443 });
    expect(accounted(result)).toBe(true);
  });

  it("DShield tab-separated: offsets, counts and numeric protocols", async () => {
    const { result, events } = await ingestFixture("dshield.tsv");
    expect(result.byFormat).toEqual({ dshield: 3 });
    expect(events[0]).toMatchObject({
      src: "203.0.113.90",
      srcPort: 40000,
      dstPort: 22,
      proto: "tcp",
      count: 3,
    });
    expect(events[1]).toMatchObject({ time: "2025-01-12T11:25:14.000Z", proto: "udp" });
    expect(events[2]).toMatchObject({ proto: "icmp" });
    // The count weighs the rollup.
    expect(result.rollups.find((r) => r.ip === "203.0.113.90")?.events).toBe(3);
  });

  it("generic CSV with a header line, quoted fields", async () => {
    const { result, events } = await ingestFixture("generic.csv");
    expect(result.byFormat).toEqual({ csv: 2 });
    expect(result.ignoredByReason).toEqual({ header: 1 });
    expect(result.rejectedByReason).toEqual({ "invalid-address": 1 });
    expect(events[0]).toMatchObject({
      src: "203.0.113.100",
      srcPort: 40000,
      dst: "192.0.2.80",
      dstPort: 22,
      proto: "tcp",
      action: "block",
      sensor: "edge1",
    });
    expect(events[1]).toMatchObject({ src: "203.0.113.101", action: "allow" });
  });

  it("generic CSV with the columns option and epoch-second times", async () => {
    const { result, events } = await ingestFixture("columns.csv", { columns: ["time", "src", "dport"] });
    expect(result.byFormat).toEqual({ csv: 2 });
    expect(events[0]).toMatchObject({
      time: "2025-01-12T06:25:13.000Z",
      src: "203.0.113.110",
      dstPort: 22,
      action: "block",
    });
  });
});
