import { describe, expect, it } from "vitest";
import {
  renderSuricataCategories,
  renderSuricataIprep,
  renderZeekIntel,
  suricataReputation,
  ZEEK_INTEL_HEADER,
} from "../../src/feeds/index.ts";
import { collect, decision, NOW, SAMPLE } from "./feed-fixtures.ts";

describe("renderZeekIntel", () => {
  it("writes the #fields header and tab-separated ADDR / SUBNET lines", async () => {
    const out = await collect(
      renderZeekIntel(SAMPLE, { now: NOW, url: (d) => `https://mlsec.example/reports/${d.reportId}` }),
    );
    expect(out.split("\n")).toEqual([
      "#fields\tindicator\tindicator_type\tmeta.source\tmeta.desc\tmeta.url",
      "192.0.2.7\tIntel::ADDR\tmlsec\tblock score=0.93 cluster=ssh-bruteforce asof=2026-03-01 until=2026-03-01T13:00:00.000Z\thttps://mlsec.example/reports/report-1",
      "198.51.100.0/24\tIntel::SUBNET\tmlsec\treview score=0.50 cluster=port-scan asof=2026-03-01 until=2026-03-01T14:00:00.000Z\thttps://mlsec.example/reports/report-1",
      "2001:db8::1\tIntel::ADDR\tmlsec\tblock score=0.00 cluster=community asof=2026-02-28 until=2026-05-30T12:00:00.000Z\thttps://mlsec.example/reports/report-1",
      "",
    ]);
    expect(ZEEK_INTEL_HEADER).toBe(`${out.split("\n")[0] ?? ""}\n`);
  });

  it("keeps tabs and newlines out of fields and writes - for no url", async () => {
    const out = await collect(
      renderZeekIntel([decision("192.0.2.1", { cluster: "a\tb\nc" })], { now: NOW, source: "" }),
    );
    expect(out.split("\n")[1]?.split("\t")).toEqual([
      "192.0.2.1",
      "Intel::ADDR",
      "-",
      "block score=0.93 cluster=a b c asof=2026-03-01 until=2026-03-01T13:00:00.000Z",
      "-",
    ]);
  });
});

describe("Suricata IP reputation", () => {
  it("has a fixed categories file", () => {
    expect(renderSuricataCategories()).toBe(
      "1,mlsec-block,mlsec: block, likely malicious\n2,mlsec-review,mlsec: review, possibly malicious\n3,mlsec-allow,mlsec: listed but allowed\n",
    );
  });

  it("maps the probability to 1..127", () => {
    expect([0, 0.001, 0.5, 0.93, 1, 1.5, Number.NaN].map(suricataReputation)).toEqual([
      1, 1, 64, 118, 127, 127, 1,
    ]);
  });

  it("writes ip,category,reputation lines for live decisions", async () => {
    expect(await collect(renderSuricataIprep(SAMPLE, { now: NOW }))).toBe(
      "192.0.2.7,1,118\n198.51.100.0/24,2,64\n2001:db8::1,1,1\n",
    );
  });
});
