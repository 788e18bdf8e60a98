import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ZReport, type TReport } from "@mlsec/core/report";

const ROOT = join(import.meta.dirname, "..", "..", "..");
const BIN = join(ROOT, "apps", "cli", "bin", "mlsec.js");
const mlsec = (...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", cwd: ROOT });

describe("mlsec analyze on the bundled samples", () => {
  const dir = mkdtempSync(join(tmpdir(), "mlsec-analyze-"));
  let run: ReturnType<typeof mlsec>;
  let report: TReport;

  beforeAll(() => {
    run = mlsec(
      "analyze",
      "samples/ufw.log.gz",
      "samples/auth.log.gz",
      "--benign",
      "samples/known-benign.txt",
      "--malicious",
      "samples/feed-ipsum-sample.txt",
      "--out",
      join(dir, "r.json"),
      "--html",
      join(dir, "r.html"),
      "--model-out",
      join(dir, "model.json"),
      "--csv",
      join(dir, "r.csv"),
      "--stix",
      join(dir, "r.stix.json"),
      "--blocklist",
      join(dir, "block.txt"),
      "--min",
      "0.9",
    );
    report = ZReport.parse(JSON.parse(readFileSync(join(dir, "r.json"), "utf8")));
  }, 120_000);

  it("exits 0 and says where the reports are", () => {
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(`HTML report: ${join(dir, "r.html")}`);
    expect(run.stdout).toMatch(/10-fold CV accuracy \d+\.\d%/);
  });

  it("writes a report that matches the schema and counts every line", () => {
    // The generator writes 19,226 firewall and 2,164 sshd lines.
    expect(report.summary.lines).toBe(19226 + 2164);
    expect(report.summary.events + report.summary.rejected).toBe(report.summary.lines);
    expect(report.asOf).toBe("2026-10-22");
    expect(report.ips.length).toBe(report.summary.sources);
    const b = report.summary.buckets;
    expect(b.block + b.review + b.allow).toBe(report.ips.length);
    expect(report.model?.labelCounts.malicious).toBeGreaterThan(0);
  });

  it("scores a known benign provider host low and a repeat attacker high", () => {
    const benign = readFileSync(join(ROOT, "samples/known-benign.txt"), "utf8")
      .split("\n")
      .filter((l) => /^\d/.test(l));
    const byIp = new Map(report.ips.map((i) => [i.ip, i]));
    const benignScores = benign.flatMap((ip) => byIp.get(ip)?.score ?? []);
    expect(benignScores.length).toBeGreaterThan(50);
    expect(Math.max(...benignScores)).toBeLessThan(0.5);
    const top = report.ips[0];
    expect(top?.verdict).toBe("malicious");
    expect(top?.reasons.length).toBeGreaterThan(0);
  });

  it("writes a self-contained HTML report and the model", () => {
    const html = readFileSync(join(dir, "r.html"), "utf8");
    expect(html).toContain("<svg");
    expect(html).toContain(report.ips[0]?.ip ?? "missing");
    const model = JSON.parse(readFileSync(join(dir, "model.json"), "utf8")) as { svm: string };
    expect(model.svm).toContain("kernel_type rbf");
  });

  it("fills the per-day, port, AS, prefix and country sections and the model's ROC", () => {
    expect(report.daily.reduce((n, d) => n + d.events, 0)).toBe(report.summary.events);
    expect(report.daily.every((d) => d.flagged <= d.sources)).toBe(true);
    expect(report.topPorts.length).toBeGreaterThan(0);
    const flaggedInAses = report.topAses.reduce((n, a) => n + a.flagged, 0);
    expect(flaggedInAses).toBeGreaterThan(0);
    expect(flaggedInAses).toBeLessThanOrEqual(report.summary.flagged);
    expect(report.topPrefixes[0]?.prefix).toMatch(/\/(24|64)$/);
    expect(report.ips.filter((i) => i.country !== null).length).toBeGreaterThan(report.ips.length / 2);
    expect(report.triage).toEqual({ block: 0.9, review: 0.5 });
    const model = JSON.parse(readFileSync(join(dir, "model.json"), "utf8")) as { roc: { fpr: number }[] };
    expect(model.roc.length).toBeGreaterThan(2);
    expect(model.roc.length).toBeLessThanOrEqual(50);
  });

  it("exports CSV of every IP, and STIX and a blocklist of those scoring at least --min", () => {
    const csv = readFileSync(join(dir, "r.csv"), "utf8").trimEnd().split("\r\n");
    expect(csv[0]).toBe("ip,score,verdict,bucket,events,asn,as_org,country,as_of,reasons");
    expect(csv).toHaveLength(report.ips.length + 1);
    const high = report.ips.filter((i) => i.score >= 0.9).map((i) => i.ip);
    const block = readFileSync(join(dir, "block.txt"), "utf8")
      .trimEnd()
      .split("\n")
      .filter((l) => !l.startsWith("#"));
    expect(new Set(block)).toEqual(new Set(high));
    const stix = JSON.parse(readFileSync(join(dir, "r.stix.json"), "utf8")) as {
      objects: { type: string }[];
    };
    expect(stix.objects.filter((o) => o.type === "indicator")).toHaveLength(high.length);
  });

  it("refuses bad usage on stderr with a non-zero exit", () => {
    const bad = mlsec("analyze", "--half-life", "0", "samples/ufw.log.gz");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--half-life");
    expect(bad.stdout).toBe("");
  });
});
