import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type TAsnTable } from "../../src/asn/asn-table.ts";
import { ASN_ATTRIBUTION } from "../../src/asn/attribution.ts";
import { asnDataDir, buildAsnTableFromCsv, loadAsnTable } from "../../src/asn/load-asn-table.ts";
import { announcedSize, lookupAsn } from "../../src/asn/lookup-asn.ts";
import { formatIpv4, formatIpv6 } from "../../src/net/format-ip.ts";

let table: TAsnTable;
beforeAll(async () => {
  table = await loadAsnTable();
});

describe("lookupAsn on the packaged table", () => {
  it("finds known ranges from the CSV, at their edges", () => {
    // 1.0.0.0,1.0.0.255,13335,"Cloudflare, Inc." then nothing until 1.0.4.0.
    expect(lookupAsn(table, "1.0.0.0")).toEqual({ asn: 13335, org: "Cloudflare, Inc." });
    expect(lookupAsn(table, "1.0.0.255")).toEqual({ asn: 13335, org: "Cloudflare, Inc." });
    expect(lookupAsn(table, "1.0.1.0")).toBeNull();
    expect(lookupAsn(table, "1.0.4.0")?.asn).toBe(38803);
    // 2001:200::,2001:200:1b9:ffff:...,2500 then 2001:200:1ba::,...,24047.
    expect(lookupAsn(table, "2001:200:1b9:ffff:ffff:ffff:ffff:ffff")?.asn).toBe(2500);
    expect(lookupAsn(table, "2001:200:1ba::")?.asn).toBe(24047);
    expect(lookupAsn(table, "10.0.0.1")).toBeNull();
    expect(lookupAsn(table, "not an ip")).toBeNull();
  });

  it("unquotes organisation names with commas and doubled quotes", () => {
    // 35309568,35313663,201907,"LLC ""SPUTNIK""" = 2.26.200.0/20
    expect(lookupAsn(table, formatIpv4(35309568 + 5))).toEqual({ asn: 201907, org: 'LLC "SPUTNIK"' });
  });

  it("keeps the earlier row where the published data overlaps", () => {
    // 214.96.0.0-215.3.255.255 AS749 overlaps 215.3.0.0-215.4.0.255 AS721 on 215.3.0.0/16.
    expect(lookupAsn(table, formatIpv4(3607101440))?.asn).toBe(749);
    expect(lookupAsn(table, formatIpv4(3607166976))?.asn).toBe(721);
  });

  it("agrees with an independent BigInt reading of the -num CSVs on sampled rows", () => {
    const dir = asnDataDir();
    for (const [file, fmt] of [
      ["asn-ipv4-num.csv", (n: bigint) => formatIpv4(Number(n))],
      [
        "asn-ipv6-num.csv",
        (n: bigint) => formatIpv6([0, 1, 2, 3].map((w) => Number((n >> BigInt(96 - 32 * w)) & 0xffffffffn))),
      ],
    ] as const) {
      const lines = readFileSync(join(dir, file), "utf8").split("\n").filter(Boolean);
      for (let i = 0; i < lines.length; i += 997) {
        const [s, e, asn] = (lines[i] ?? "").split(",");
        const start = BigInt(s ?? "0");
        const end = BigInt(e ?? "0");
        const mid = start + (end - start) / 2n;
        expect(lookupAsn(table, fmt(mid))?.asn, `${file} row ${i}`).toBe(Number(asn));
        expect(lookupAsn(table, fmt(end))?.asn, `${file} row ${i} end`).toBe(Number(asn));
      }
    }
  });

  it("carries the attribution the licences require", () => {
    for (const name of ["RouteViews", "DB-IP", "NRO", "CC BY 4.0"]) expect(ASN_ATTRIBUTION).toContain(name);
  });
});

describe("announcedSize", () => {
  it("sums IPv4 addresses and IPv6 /64s per AS (hand-computed)", () => {
    const small = buildAsnTableFromCsv(
      ["16777216,16777471,64500,A", "16778240,16779263,64500,A", "16781312,16781567,64501,B"].join("\n"),
      ["2a00:1::,2a00:1:0:ffff:ffff:ffff:ffff:ffff,64500,A", "2a00:2::,2a00:2::ffff,64501,B"].join("\n"),
    );
    // 256 + 1024 addresses; one /48 = 65536 /64s.
    expect(announcedSize(small, 64500)).toEqual({ v4: 1280, v6Slash64: 65536 });
    // 65536 addresses are 2^16 / 2^64 of a /64.
    expect(announcedSize(small, 64501).v6Slash64).toBeCloseTo(2 ** -48, 60);
    expect(announcedSize(small, 1)).toEqual({ v4: 0, v6Slash64: 0 });
  });
});
