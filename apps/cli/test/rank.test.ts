import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { announcedSize, loadAsnTable, lookupAsn } from "@mlsec/core/asn";

const BIN = join(import.meta.dirname, "..", "bin", "mlsec.js");

function ufw(time: string, src: string, dpt: number, action = "BLOCK"): string {
  return `${time} fw kernel: [UFW ${action}] IN=eth0 OUT= MAC=52:54:00:12:34:56:52:54:00:65:43:21:08:00 SRC=${src} DST=198.51.100.10 LEN=40 TOS=0x00 PREC=0x00 TTL=244 ID=1 PROTO=TCP SPT=40001 DPT=${dpt} WINDOW=1024 RES=0x00 SYN URGP=0`;
}

let log = "";
beforeAll(() => {
  const lines = [
    // 77.90.185.20: SSH blocked 6 and 12 days before the as-of day: 0.5 + 0.25.
    ufw("2024-01-10T10:00:00Z", "77.90.185.20", 22),
    ufw("2024-01-04T09:00:00Z", "77.90.185.20", 22),
    // Private source scanning: ranked itself, never a neighbourhood.
    ...[1, 2, 3, 4, 5, 6].map((p) => ufw(`2024-01-10T11:00:0${p}Z`, "10.0.0.5", 10000 + p)),
    // On the as-of day itself: must not count.
    ufw("2024-01-16T08:00:00Z", "77.90.185.99", 3389),
    ufw("2024-01-16T08:00:00Z", "45.155.205.1", 3389),
  ];
  const dir = mkdtempSync(join(tmpdir(), "mlsec-rank-"));
  log = join(dir, "ufw.log");
  writeFileSync(log, `${lines.join("\n")}\n`);
});

function mlsec(...args: string[]) {
  return spawnSync(process.execPath, [BIN, "rank", ...args], {
    encoding: "utf8",
    cwd: join(import.meta.dirname, "..", "..", ".."),
  });
}

type TOut = { asOf: string; top: Record<string, { key: string; rank: number; byCluster: number[] }[]> };

describe("mlsec rank", () => {
  it("prints decayed, normalised ranks as JSON, using only events before --as-of", async () => {
    const r = mlsec(log, "--as-of", "2024-01-16", "--json", "--top", "5");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as TOut;
    expect(out.asOf).toBe("2024-01-16");
    expect(out.top.ip?.map((e) => [e.key, e.rank])).toEqual([
      ["77.90.185.20", 0.75],
      ["10.0.0.5", 0.5],
    ]);
    expect(out.top["v4/24"]).toEqual([
      { key: "77.90.185.0/24", rank: 0.75 / 256, byCluster: [0.75 / 256, 0, 0] },
    ]);
    expect(out.top["v4/16"]?.[0]).toMatchObject({ key: "77.90.0.0/16", rank: 0.75 / 65536 });
    const table = await loadAsnTable();
    const as = lookupAsn(table, "77.90.185.20");
    expect(out.top.as?.[0]?.key).toBe(`AS${as?.asn}`);
    expect(out.top.as?.[0]?.rank).toBeCloseTo(0.75 / announcedSize(table, as?.asn ?? 0).v4, 15);
    expect(r.stdout).not.toContain("45.155.205");
    expect(r.stdout).not.toContain("77.90.185.99");
  });

  it("ranks by the rules given with --clusters and proposes rules with --suggest", () => {
    const rules = join(mkdtempSync(join(tmpdir(), "mlsec-rules-")), "rules.json");
    writeFileSync(rules, JSON.stringify([{ name: "rdp", kind: "watched-ports", ports: [3389] }]));
    const r = mlsec(
      log,
      "--as-of",
      "2024-01-17",
      "--json",
      "--no-asn",
      "--clusters",
      rules,
      "--suggest",
      "2",
    );
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as TOut & {
      clusters: string[];
      suggestions: { rule: { kind: string }; size: number }[];
    };
    expect(out.clusters).toEqual(["rdp"]);
    // Only the two 3389 attempts of 2024-01-16 match the rule, one day old: rank 2^(-1/6) each.
    expect(out.top.ip?.map((e) => e.key).sort()).toEqual(["45.155.205.1", "77.90.185.99"]);
    expect(out.top.ip?.[0]?.rank).toBeCloseTo(2 ** (-1 / 6), 12);
    expect(out.suggestions.length).toBeGreaterThan(0);
    expect(out.suggestions.every((s) => s.size > 0)).toBe(true);
    const bad = join(mkdtempSync(join(tmpdir(), "mlsec-rules-")), "bad.json");
    writeFileSync(bad, JSON.stringify([{ name: "x", kind: "nonsense" }]));
    expect(mlsec(log, "--clusters", bad).status).toBe(2);
  });

  it("applies --half-life and prints a readable table with the AS data notice", () => {
    const r = mlsec(log, "--as-of", "2024-01-16", "--half-life", "12", "--no-asn");
    expect(r.status).toBe(0);
    // Half-life 12: 2^(-6/12) + 2^(-12/12) = 0.7071 + 0.5.
    expect(r.stdout).toContain(`${(2 ** -0.5 + 0.5).toFixed(4)}  77.90.185.20`);
    expect(r.stdout).toContain("IPv4 /24");
    expect(r.stdout).not.toContain("RouteViews");
    const withAsn = mlsec(log, "--top", "1");
    expect(withAsn.stdout).toContain("RouteViews");
    expect(withAsn.stdout).toContain("Ranks as of 2024-01-17");
  });

  it("refuses bad usage with exit code 2", () => {
    expect(mlsec().status).toBe(2);
    const r = mlsec(log, "--half-life", "90");
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--half-life");
    expect(mlsec(log, "--as-of", "yesterday-ish").status).toBe(2);
  });
});
