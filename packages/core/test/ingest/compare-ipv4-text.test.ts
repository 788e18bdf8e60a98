import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatIpv4 } from "../../src/events/parse-ipv4.ts";
import { compareIpv4Text } from "../../src/ingest/rollup-rows.ts";

describe("compareIpv4Text", () => {
  it("orders two addresses as their dotted-quad texts compare", () => {
    const octet = fc.constantFrom(0, 1, 2, 9, 10, 19, 20, 25, 99, 100, 199, 200, 250, 255);
    const ip = fc.oneof(
      fc.nat({ max: 0xffffffff }),
      fc
        .tuple(octet, octet, octet, octet)
        .map(([a, b, c, d]) => ((a << 24) | (b << 16) | (c << 8) | d) >>> 0),
    );
    fc.assert(
      fc.property(ip, ip, (a, b) => {
        const ta = formatIpv4(a);
        const tb = formatIpv4(b);
        expect(Math.sign(compareIpv4Text(a, b))).toBe(ta < tb ? -1 : ta > tb ? 1 : 0);
      }),
      { numRuns: 5000 },
    );
  });
});
