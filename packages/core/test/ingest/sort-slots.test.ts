import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatIpv4 } from "../../src/events/parse-ipv4.ts";
import { ipv4TextKey, sortSlotsByKey } from "../../src/ingest/sort-slots.ts";

const octet = fc.constantFrom(0, 1, 2, 9, 10, 19, 20, 25, 99, 100, 199, 200, 250, 255);
const ip = fc.oneof(
  fc.nat({ max: 0xffffffff }),
  fc.tuple(octet, octet, octet, octet).map(([a, b, c, d]) => ((a << 24) | (b << 16) | (c << 8) | d) >>> 0),
);

describe("ipv4TextKey", () => {
  it("orders two addresses as their dotted-quad texts compare", () => {
    fc.assert(
      fc.property(ip, ip, (a, b) => {
        const ta = formatIpv4(a);
        const tb = formatIpv4(b);
        expect(Math.sign(ipv4TextKey(a) - ipv4TextKey(b))).toBe(ta < tb ? -1 : ta > tb ? 1 : 0);
      }),
      { numRuns: 5000 },
    );
  });
});

describe("sortSlotsByKey", () => {
  it("sorts slots by their addresses' text, as a string sort of the texts does", () => {
    fc.assert(
      fc.property(fc.array(ip, { maxLength: 300 }), (ips) => {
        const slots = ips.map((_, i) => i);
        const sorted = sortSlotsByKey(slots, (s) => ipv4TextKey(ips[s] ?? 0)).map((s) =>
          formatIpv4(ips[s] ?? 0),
        );
        expect(sorted).toEqual(ips.map(formatIpv4).sort());
      }),
    );
  });

  it("keeps equal keys in their given order", () => {
    expect(sortSlotsByKey([7, 3, 9, 1], (s) => (s === 1 ? 0 : 5))).toEqual([1, 7, 3, 9]);
  });
});
