import fc from "fast-check";
import { IPv4, IPv6 } from "ip-num";
import { describe, expect, it } from "vitest";
import { formatIpv4, formatIpv6 } from "../../src/net/format-ip.ts";
import { parseIp, parseIpv4, parseIpv6 } from "../../src/net/parse-ip.ts";

describe("parseIpv4 / formatIpv4", () => {
  it("agrees with ip-num on every address", () => {
    fc.assert(
      fc.property(fc.ipV4(), (text) => {
        expect(parseIpv4(text)).toBe(Number(IPv4.fromString(text).getValue()));
        expect(formatIpv4(parseIpv4(text))).toBe(text);
      }),
    );
  });

  it("refuses malformed text", () => {
    for (const bad of ["1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1..2.3", "a.b.c.d", "1.2.3.4 ", ""])
      expect(parseIpv4(bad)).toBe(-1);
  });
});

describe("parseIpv6 / formatIpv6", () => {
  it("agrees with ip-num and prints RFC 5952 text", () => {
    fc.assert(
      fc.property(fc.ipV6(), (text) => {
        const words = new Uint32Array(4);
        expect(parseIpv6(text, words)).toBe(true);
        const value = IPv6.fromString(text).getValue();
        const expected = [0, 1, 2, 3].map((w) => Number((value >> BigInt(96 - 32 * w)) & 0xffffffffn));
        expect([...words]).toEqual(expected);
        // Canonical text re-parses to the same words and never holds uppercase or leading zeros.
        const canonical = formatIpv6(words);
        const again = new Uint32Array(4);
        expect(parseIpv6(canonical, again)).toBe(true);
        expect([...again]).toEqual(expected);
        expect(canonical).not.toMatch(/[A-F]|(^|:)0[0-9a-f]/);
      }),
    );
  });

  it("compresses the longest zero run, not a single zero group", () => {
    const words = new Uint32Array(4);
    parseIpv6("2001:db8:0:0:1:0:0:1", words);
    expect(formatIpv6(words)).toBe("2001:db8::1:0:0:1");
    parseIpv6("2001:db8:0:1:1:1:1:1", words);
    expect(formatIpv6(words)).toBe("2001:db8:0:1:1:1:1:1");
    parseIpv6("::", words);
    expect(formatIpv6(words)).toBe("::");
  });

  it("refuses malformed text and unwraps IPv4-mapped addresses", () => {
    const words = new Uint32Array(4);
    for (const bad of [":1", "1:", "1:::2", "1::2::3", "12345::", "1:2:3:4:5:6:7:8:9", "g::1", "1.2.3.4"])
      expect(parseIpv6(bad, words)).toBe(false);
    expect(parseIp("::ffff:1.2.3.4")).toEqual({ family: 4, v4: parseIpv4("1.2.3.4") });
    expect(parseIp("nonsense")).toBeNull();
  });
});
