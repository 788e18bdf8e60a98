import { describe, expect, it } from "vitest";
import { formatAddress } from "../../src/feeds/feed-block.ts";
import { decisionSortKey } from "../../src/feeds/index.ts";
import { rng } from "./feed-fixtures.ts";

const bytewise = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

describe("decisionSortKey", () => {
  it("is 35 characters: family, 32 hex digits of the network, 2 of the prefix", () => {
    expect(decisionSortKey("192.0.2.7")).toBe(`4${"0".repeat(24)}c000020720`);
    expect(decisionSortKey("192.0.2.9/24")).toBe(`4${"0".repeat(24)}c000020018`);
    expect(decisionSortKey("2001:db8::1")).toBe("620010db800000000000000000000000180");
    expect(decisionSortKey("::ffff:192.0.2.7")).toBe(decisionSortKey("192.0.2.7"));
    expect(() => decisionSortKey("192.0.2.7/")).toThrow(RangeError);
    expect(() => decisionSortKey("not an ip")).toThrow(RangeError);
  });

  it("sorts byte-wise in numeric order on random IPv4 and IPv6 sets, IPv4 first, containers before contents", () => {
    const next = rng(7);
    const items: { family: 4 | 6; start: bigint; bits: number; text: string }[] = [];
    for (let i = 0; i < 2000; i++) {
      const family = next() < 0.5 ? 4 : 6;
      const width = family === 4 ? 32 : 128;
      let value = 0n;
      for (let b = 0; b < width; b += 16) value = (value << 16n) | BigInt(Math.floor(next() * 65536));
      value &= (1n << BigInt(width)) - 1n;
      const bits = next() < 0.7 ? width : 1 + Math.floor(next() * width);
      const start = (value >> BigInt(width - bits)) << BigInt(width - bits);
      const addr = formatAddress(family, start);
      items.push({ family, start, bits, text: bits === width ? addr : `${addr}/${bits}` });
    }
    const numeric = [...items].sort((a, b) =>
      a.family !== b.family
        ? a.family - b.family
        : a.start !== b.start
          ? a.start < b.start
            ? -1
            : 1
          : a.bits - b.bits,
    );
    const byKey = [...items].sort((a, b) => bytewise(decisionSortKey(a.text), decisionSortKey(b.text)));
    expect(byKey.map((i) => i.text)).toEqual(numeric.map((i) => i.text));
    expect(new Set(items.map((i) => decisionSortKey(i.text).length))).toEqual(new Set([35]));
  });
});
