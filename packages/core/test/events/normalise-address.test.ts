import fc from "fast-check";
import { IPv6, collapseIPv6Number } from "ip-num";
import { describe, expect, it } from "vitest";
import { classifyAddress } from "../../src/events/classify-address.ts";
import { normaliseAddress } from "../../src/events/normalise-address.ts";

describe("normaliseAddress", () => {
  it("unwraps IPv4-mapped IPv6 and canonicalises IPv6", () => {
    expect(normaliseAddress("::ffff:192.0.2.1")).toBe("192.0.2.1");
    expect(normaliseAddress("::FFFF:c000:0201")).toBe("192.0.2.1");
    expect(normaliseAddress("2001:0DB8:0:0:1:0:0:1")).toBe("2001:db8::1:0:0:1");
    expect(normaliseAddress("[2001:db8::1]")).toBe("2001:db8::1");
    expect(normaliseAddress("fe80::1%eth0")).toBe("fe80::1");
    for (const bad of ["1.2.3", "256.1.1.1", "01.2.3.4", "2001::db8::1", "gg::1", "1:2:3:4:5:6:7:8:9", ""]) {
      expect(normaliseAddress(bad)).toBeNull();
    }
  });

  it("agrees with ip-num on random IPv6 addresses", () => {
    fc.assert(
      fc.property(fc.ipV6(), (ip) => {
        const value = IPv6.fromString(ip).value;
        const expected =
          value >> 32n === 0xffffn ? null : collapseIPv6Number(IPv6.fromBigInt(value).toString());
        const got = normaliseAddress(ip);
        if (expected === null) expect(got).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
        else expect(got).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
});

describe("classifyAddress", () => {
  it("marks private, reserved and bogon sources", () => {
    expect(classifyAddress("8.8.8.8")).toBe("public");
    expect(classifyAddress("10.1.2.3")).toBe("private");
    expect(classifyAddress("100.64.0.1")).toBe("private");
    expect(classifyAddress("127.0.0.1")).toBe("reserved");
    expect(classifyAddress("224.0.0.1")).toBe("reserved");
    expect(classifyAddress("198.51.100.7")).toBe("bogon");
    expect(classifyAddress("2606:4700::1111")).toBe("public");
    expect(classifyAddress("fd00::1")).toBe("private");
    expect(classifyAddress("fe80::1")).toBe("reserved");
    expect(classifyAddress("2001:db8::1")).toBe("bogon");
    expect(classifyAddress("4000::1")).toBe("bogon");
  });
});
