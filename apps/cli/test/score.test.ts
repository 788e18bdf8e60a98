import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";

const ROOT = join(import.meta.dirname, "..", "..", "..");
const BIN = join(ROOT, "apps", "cli", "bin", "mlsec.js");
const mlsec = (...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", cwd: ROOT, maxBuffer: 64 * 1024 ** 2 });
const LOGS = ["samples/ufw.log.gz", "samples/auth.log.gz"];

// The promised line shape, and nothing else.
const ZLine = z.strictObject({
  ip: z.string(),
  score: z.number().min(0).max(1),
  verdict: z.enum(["malicious", "benign"]),
  bucket: z.enum(["block", "review", "allow"]),
  features: z.record(z.string(), z.number()),
});
const lines = (stdout: string) =>
  stdout
    .trimEnd()
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => ZLine.parse(JSON.parse(l)));

describe("mlsec score", () => {
  const dir = mkdtempSync(join(tmpdir(), "mlsec-score-"));
  const modelPath = join(dir, "model.json");
  const ipsPath = join(dir, "ips.txt");
  let featureNames: string[] = [];
  let sources = 0;
  let topIp = "";

  // Every run used to leave its model and address files behind in the temporary directory.
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeAll(() => {
    const run = mlsec(
      "analyze",
      ...LOGS,
      "--benign",
      "samples/known-benign.txt",
      "--malicious",
      "samples/feed-ipsum-sample.txt",
      "--model-out",
      modelPath,
      "--json",
    );
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { summary: { sources: number }; ips: { ip: string }[] };
    sources = report.summary.sources;
    topIp = report.ips[0]?.ip ?? "";
    featureNames = (JSON.parse(readFileSync(modelPath, "utf8")) as { featureNames: string[] }).featureNames;
    // A seen attacker, two addresses from documentation ranges no log mentions, and a comment.
    writeFileSync(ipsPath, `${topIp}\n203.0.113.250  # never seen\n\n2001:db8::1\n`);
  }, 180_000);

  it("prints one line per source IP, each with the model's features", () => {
    const run = mlsec("score", ...LOGS, "--model", modelPath);
    expect(run.status, run.stderr).toBe(0);
    const out = lines(run.stdout);
    expect(out).toHaveLength(sources);
    expect(new Set(out.map((l) => l.ip)).size).toBe(sources);
    for (const l of out) expect(Object.keys(l.features)).toEqual(featureNames);
    expect(out.some((l) => l.verdict === "malicious")).toBe(true);
    expect(out.some((l) => l.verdict === "benign")).toBe(true);
  }, 60_000);

  it("scores every address of --ips in file order, also ones never seen", () => {
    const run = mlsec("score", ...LOGS, "--model", modelPath, "--ips", ipsPath);
    expect(run.status, run.stderr).toBe(0);
    const out = lines(run.stdout);
    expect(out.map((l) => l.ip)).toEqual([topIp, "203.0.113.250", "2001:db8::1"]);
    const [seen, unseen, v6] = out;
    expect(seen?.features["days-active"]).toBeGreaterThan(0);
    expect(unseen?.features["days-active"]).toBe(0);
    expect(unseen?.features["events-log1p"]).toBe(0);
    expect(v6?.features["is-ipv6"]).toBe(1);
    expect(seen?.score).toBeGreaterThan(unseen?.score ?? 1);
  }, 60_000);

  it("uses only events before --as-of", () => {
    // The samples start on 2026-10-01: as of that day nothing came before, so no own history.
    const run = mlsec("score", ...LOGS, "--model", modelPath, "--ips", ipsPath, "--as-of", "2026-10-01");
    expect(run.status, run.stderr).toBe(0);
    const [seen] = lines(run.stdout);
    expect(seen?.ip).toBe(topIp);
    expect(seen?.features["days-active"]).toBe(0);
    expect(seen?.features["events-log1p"]).toBe(0);
    // And without --ips there is no source IP before that day to print.
    const all = mlsec("score", ...LOGS, "--model", modelPath, "--as-of", "2026-10-01");
    expect(all.status, all.stderr).toBe(0);
    expect(all.stdout).toBe("");
  }, 60_000);

  it("applies --block/--review to the buckets", () => {
    const run = mlsec(
      "score",
      ...LOGS,
      "--model",
      modelPath,
      "--ips",
      ipsPath,
      "--block",
      "0.01",
      "--review",
      "0.005",
    );
    expect(run.status, run.stderr).toBe(0);
    // Each line's bucket follows its score and the thresholds given (not the defaults 0.9/0.5).
    const scored = lines(run.stdout);
    for (const l of scored)
      expect(l.bucket, `${l.ip} ${l.score}`).toBe(
        l.score >= 0.01 ? "block" : l.score >= 0.005 ? "review" : "allow",
      );
    expect(scored.some((l) => l.bucket === "block")).toBe(true);
  }, 60_000);

  it("refuses bad usage on stderr with a non-zero exit, stdout empty", () => {
    const noModel = mlsec("score", ...LOGS);
    expect(noModel.status).toBe(2);
    expect(noModel.stderr).toContain("--model");
    expect(noModel.stdout).toBe("");
    writeFileSync(join(dir, "bad.txt"), "192.0.2.1\nnot-an-ip\n");
    const badIps = mlsec("score", ...LOGS, "--model", modelPath, "--ips", join(dir, "bad.txt"));
    expect(badIps.status).toBe(2);
    expect(badIps.stderr).toContain("bad.txt:2");
    expect(badIps.stdout).toBe("");
  }, 60_000);
});
