import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildAsnTableFromCsv } from "../../src/asn/load-asn-table.ts";
import { computeRanks } from "../../src/rank/compute-ranks.ts";
import { featuresFor } from "../../src/rank/features.ts";
import { decodeSnapshot, encodeSnapshot } from "../../src/rank/snapshot-binary.ts";
import { topRanked } from "../../src/rank/top-ranked.ts";
import { addDays, bruteForce, portScan, rollup, sshBlocked } from "./fixtures.ts";

const asnTable = buildAsnTableFromCsv(
  "16908288,16973823,64500,One\n",
  "2a00:1::,2a00:1:ffff:ffff:ffff:ffff:ffff:ffff,64500,One\n",
);
const IPS = ["1.2.3.4", "1.2.3.5", "1.2.77.1", "8.8.8.8", "2a00:1::1", "2a00:1:5::1", "::ffff:9.9.9.9"];
const kinds = [sshBlocked, portScan, bruteForce, rollup];
const START = "2024-03-01";

describe("binary snapshots", () => {
  it("round-trip with identical features and ranks, and carry the caller's metadata", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc
            .tuple(fc.integer({ min: 0, max: 20 }), fc.constantFrom(...IPS), fc.integer({ min: 0, max: 3 }))
            .map(([offset, ip, k]) => (kinds[k] ?? rollup)(addDays(START, offset), ip)),
          { maxLength: 60 },
        ),
        (rollups) => {
          const snap = computeRanks(rollups, { asOf: addDays(START, 21), asn: asnTable });
          const { snapshot: back, extra } = decodeSnapshot(encodeSnapshot(snap, { sources: ["a", "b"] }), {
            asn: asnTable,
          });
          expect(extra).toEqual({ sources: ["a", "b"] });
          expect(back.asOf).toBe(snap.asOf);
          expect(back.registry.size).toBe(snap.registry.size);
          for (const ip of [...IPS, "1.2.3.99"]) expect(featuresFor(back, ip)).toEqual(featuresFor(snap, ip));
          for (const kind of ["ip", "v4/24", "v6/64", "as"] as const)
            expect(topRanked(back, kind, 50)).toEqual(topRanked(snap, kind, 50));
        },
      ),
      { numRuns: 40 },
    );
  });

  it("refuses what it did not write, or a truncated copy", () => {
    const bytes = encodeSnapshot(
      computeRanks([sshBlocked("2024-03-01", "1.2.3.4"), portScan("2024-03-02", "2a00:1::1")], {
        asOf: "2024-03-03",
      }),
    );
    expect(() => decodeSnapshot(Buffer.from('{"format":"mlsec-rank-snapshot"}'))).toThrow(/not a binary/);
    expect(() => decodeSnapshot(bytes.subarray(0, bytes.length - 4))).toThrow(/truncated/);
    const corrupt = Buffer.from(bytes);
    // Overwrite the address list's first separator: one address fewer than the header says.
    corrupt[corrupt.indexOf(0x0a, 8 + corrupt.readUInt32LE(4))] = 0x20;
    expect(() => decodeSnapshot(corrupt)).toThrow();
    expect(decodeSnapshot(bytes).snapshot.registry.size).toBe(2);
  });
});
