import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildAsnTableFromCsv } from "../../src/asn/load-asn-table.ts";
import { computeRanks } from "../../src/rank/compute-ranks.ts";
import { type TDecay } from "../../src/rank/decay.ts";
import { featuresFor } from "../../src/rank/features.ts";
import { deserializeSnapshot, serializeSnapshot } from "../../src/rank/serialize-snapshot.ts";
import { topRanked } from "../../src/rank/top-ranked.ts";
import { updateRanks } from "../../src/rank/update-ranks.ts";
import { type TIpDayRollup } from "../../src/rollup/ip-day-rollup.ts";
import { addDays, bruteForce, portScan, rollup, sshBlocked } from "./fixtures.ts";

const asnTable = buildAsnTableFromCsv(
  "16908288,16973823,64500,One\n",
  "2a00:1::,2a00:1:ffff:ffff:ffff:ffff:ffff:ffff,64500,One\n",
);
const IPS = [
  "1.2.3.4",
  "1.2.3.5",
  "1.2.77.1",
  "8.8.8.8",
  "172.16.0.1",
  "2a00:1::1",
  "2a00:1:0:0:1::9",
  "2a00:1:5::1",
];
const PROBES = [...IPS, "1.2.3.99", "2a00:1::abcd", "9.9.9.9"];
const START = "2024-03-01";
const kinds = [sshBlocked, portScan, bruteForce, (d: string, ip: string) => rollup(d, ip)];
const DECAYS: TDecay[] = [
  { kind: "exponential", halfLifeDays: 6, horizonDays: 90 },
  { kind: "exponential", halfLifeDays: 3, horizonDays: 7 },
  { kind: "polynomial", lifetimeDays: 10, decaySpeed: 2 },
];

const arbRollups = fc.array(
  fc
    .tuple(
      fc.integer({ min: 0, max: 29 }),
      fc.constantFrom(...IPS),
      fc.integer({ min: 0, max: kinds.length - 1 }),
    )
    .map(([offset, ip, k]) => (kinds[k] ?? rollup)(addDays(START, offset), ip)),
  { maxLength: 60 },
);

/** Every number rounded to 12 significant digits, deep: floating-point sums in another order differ in the last ulp. */
function nearly(v: unknown): unknown {
  if (typeof v === "number") return Number(v.toPrecision(12));
  if (Array.isArray(v) || ArrayBuffer.isView(v)) return Array.from(v as ArrayLike<unknown>, nearly);
  if (v && typeof v === "object")
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, nearly(x)]));
  return v;
}

const before = (rs: TIpDayRollup[], day: string) => rs.filter((r) => r.day < day);
const between = (rs: TIpDayRollup[], from: string, to: string) =>
  rs.filter((r) => r.day >= from && r.day < to);

describe("updateRanks", () => {
  it("equals a full recompute, one day at a time, for every decay curve", () => {
    fc.assert(
      fc.property(
        arbRollups,
        fc.integer({ min: 0, max: DECAYS.length - 1 }),
        fc.integer({ min: 1, max: 20 }),
        (rollups, d, split) => {
          const sorted = [...rollups].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
          const decay = DECAYS[d] ?? DECAYS[0];
          const firstAsOf = addDays(START, split);
          let snap = computeRanks(before(sorted, firstAsOf), { asOf: firstAsOf, decay, asn: asnTable });
          for (let day = split; day < 31; day++) {
            const from = addDays(START, day);
            snap = updateRanks(snap, between(sorted, from, addDays(from, 1)), addDays(from, 1));
          }
          const endAsOf = addDays(START, 31);
          const full = computeRanks(sorted, { asOf: endAsOf, decay, asn: asnTable });
          expect(snap.asOf).toBe(endAsOf);
          // Equal up to the last bits: the incremental sum adds the same terms in another order.
          for (const ip of PROBES)
            expect(nearly(featuresFor(snap, ip))).toEqual(nearly(featuresFor(full, ip)));
          for (const kind of ["ip", "v4/24", "v4/16", "v6/64", "v6/48", "v6/32", "as"] as const) {
            expect(nearly(topRanked(snap, kind, 50))).toEqual(nearly(topRanked(full, kind, 50)));
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it("adds late rollups for a day it already holds", () => {
    const decay = DECAYS[0];
    const first = computeRanks([sshBlocked("2024-03-01", "1.2.3.4")], { asOf: "2024-03-03", decay });
    const next = updateRanks(first, [portScan("2024-03-01", "1.2.3.4")], "2024-03-03");
    const full = computeRanks([sshBlocked("2024-03-01", "1.2.3.4"), portScan("2024-03-01", "1.2.3.4")], {
      asOf: "2024-03-03",
      decay,
    });
    expect(featuresFor(next, "1.2.3.4")).toEqual(featuresFor(full, "1.2.3.4"));
    // The older snapshot is not disturbed by its successor.
    expect(featuresFor(first, "1.2.3.4")[3]).toBe(0);
  });

  it("refuses to move back in time", () => {
    const s = computeRanks([], { asOf: "2024-03-03" });
    expect(() => updateRanks(s, [], "2024-03-02")).toThrow(/cannot move back/);
  });
});

describe("serializeSnapshot", () => {
  it("round-trips through JSON with identical features and ranks", () => {
    fc.assert(
      fc.property(arbRollups, (rollups) => {
        const snap = computeRanks(rollups, { asOf: addDays(START, 25), asn: asnTable });
        const back = deserializeSnapshot(JSON.parse(JSON.stringify(serializeSnapshot(snap))), {
          asn: asnTable,
        });
        for (const ip of PROBES) expect(featuresFor(back, ip)).toEqual(featuresFor(snap, ip));
        expect(topRanked(back, "as", 5)).toEqual(topRanked(snap, "as", 5));
        expect(topRanked(back, "ip", 50)).toEqual(topRanked(snap, "ip", 50));
      }),
      { numRuns: 30 },
    );
  });

  it("rejects a corrupt snapshot", () => {
    const data = serializeSnapshot(
      computeRanks([sshBlocked("2024-03-01", "1.2.3.4")], { asOf: "2024-03-03" }),
    );
    expect(() => deserializeSnapshot({ ...data, ips: [] })).toThrow();
    expect(() => deserializeSnapshot({ ...data, format: "other" })).toThrow();
  });
});
