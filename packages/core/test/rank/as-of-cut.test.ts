import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildAsnTableFromCsv } from "../../src/asn/load-asn-table.ts";
import { computeRanks } from "../../src/rank/compute-ranks.ts";
import { featuresFor } from "../../src/rank/features.ts";
import { topRanked } from "../../src/rank/top-ranked.ts";
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
  "10.1.1.1",
  "2a00:1::1",
  "2a00:1:0:0:1::9",
  "2a00:1:5::1",
];
const PROBES = [...IPS, "1.2.3.99", "1.2.200.200", "2a00:1::abcd", "9.9.9.9"];
const AS_OF = "2024-03-01";
const kinds = [sshBlocked, portScan, bruteForce, (d: string, ip: string) => rollup(d, ip)];

const arbRollup = (minOffset: number, maxOffset: number) =>
  fc
    .tuple(
      fc.integer({ min: minOffset, max: maxOffset }),
      fc.constantFrom(...IPS),
      fc.integer({ min: 0, max: kinds.length - 1 }),
    )
    .map(([offset, ip, k]) => (kinds[k] ?? rollup)(addDays(AS_OF, offset), ip));

describe("as-of cut", () => {
  it("no rollup on or after the as-of day changes any feature or rank", () => {
    fc.assert(
      fc.property(
        fc.array(arbRollup(-40, -1), { maxLength: 40 }),
        fc.array(arbRollup(0, 30), { minLength: 1, maxLength: 20 }),
        (past, future) => {
          const opts = { asOf: AS_OF, asn: asnTable };
          const before = computeRanks(past, opts);
          // Future rollups mixed in anywhere in the stream.
          const mixed: TIpDayRollup[] = [...future.slice(0, 5), ...past, ...future.slice(5)];
          const after = computeRanks(mixed, opts);
          for (const ip of PROBES) expect(featuresFor(after, ip)).toEqual(featuresFor(before, ip));
          for (const kind of ["ip", "v4/24", "v4/16", "v6/64", "v6/48", "as"] as const) {
            expect(topRanked(after, kind, 20)).toEqual(topRanked(before, kind, 20));
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
