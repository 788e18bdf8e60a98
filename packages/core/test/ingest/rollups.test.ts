import { readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { ingestFiles, ingestStream } from "../../src/ingest/index.ts";
import { mergeRollups } from "../../src/rollup/index.ts";
import { PORT_EXACT_BOUND, ZIpDayRollup } from "../../src/rollup/ip-day-rollup.ts";
import { FIXTURES, REFERENCE } from "./ingest-fixture.ts";

function scan(ports: number, src = "45.33.32.156", day = "01"): string {
  return Array.from(
    { length: ports },
    (_, p) =>
      `Jan ${day} 00:00:0${p % 10} fw kernel: DROP IN=eth0 OUT= MAC= SRC=${src} DST=198.51.100.7 LEN=40 PROTO=TCP SPT=40000 DPT=${p + 1}\n`,
  ).join("");
}

describe("rollups", () => {
  it("are valid against the shared contract and identical when the same upload is ingested again", async () => {
    const files = ["netfilter.log", "cisco-asa.log", "dshield.tsv"].map((f) => FIXTURES + f);
    const once = await ingestFiles(files, { referenceDate: REFERENCE });
    const again = await ingestFiles(files, { referenceDate: REFERENCE });
    expect(again.rollups).toEqual(once.rollups);
    for (const r of once.rollups) expect(ZIpDayRollup.safeParse(r).success).toBe(true);
    expect(once.rollupCount).toBe(once.rollups.length);
    expect([...once.eachRollup()]).toEqual(once.rollups);
  });

  it("counts ports exactly up to the bound, then estimates with the sketch", async () => {
    const small = await ingestStream(Readable.from([Buffer.from(scan(PORT_EXACT_BOUND))]), {
      referenceDate: REFERENCE,
    });
    expect(small.rollups[0]?.distinctPorts).toBe(PORT_EXACT_BOUND);
    const big = await ingestStream(Readable.from([Buffer.from(scan(1000))]), { referenceDate: REFERENCE });
    const r = big.rollups[0];
    expect(Object.keys(r?.ports ?? {})).toHaveLength(PORT_EXACT_BOUND);
    // 256-register HyperLogLog: ~6.5% standard error; 25% is a generous bound.
    expect(r?.distinctPorts).toBeGreaterThan(750);
    expect(r?.distinctPorts).toBeLessThan(1250);
    expect(r?.events).toBe(1000);
  });

  it("mergeRollups adds two sources of the same day and IP", async () => {
    const a = (await ingestStream(Readable.from([Buffer.from(scan(3))]), { referenceDate: REFERENCE }))
      .rollups[0];
    const text = readFileSync(FIXTURES + "netfilter.log", "utf8");
    const b = (
      await ingestStream(Readable.from([Buffer.from(text)]), { referenceDate: REFERENCE })
    ).rollups.find((r) => r.ip === "45.33.32.156");
    if (!a || !b) throw new Error("fixtures changed");
    const m = mergeRollups(a, b);
    expect(m.events).toBe(a.events + b.events);
    // Ports 1,2,3 from the scan and 443, 3389 from the fixture.
    expect(m.distinctPorts).toBe(5);
    expect(m.actions).toEqual({ block: 4, allow: 1 });
    expect(m.firstSeen).toBe(a.firstSeen < b.firstSeen ? a.firstSeen : b.firstSeen);
    expect(() => mergeRollups(a, { ...b, ip: "1.1.1.1" })).toThrow();
  });
});
