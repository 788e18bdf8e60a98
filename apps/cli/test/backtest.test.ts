import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..", "..");
const mlsec = (...args: string[]) =>
  spawnSync(process.execPath, [join(ROOT, "apps/cli/bin/mlsec.js"), "backtest", ...args], {
    encoding: "utf8",
    cwd: ROOT,
  });

type TOut = {
  day: string;
  trainRows: number;
  testRows: number;
  newArrivals: number;
  metrics: {
    sensitivity: number;
    specificity: number;
    auc: number;
    confusion: { tp: number; fp: number; tn: number; fn: number };
  };
  baseline: { auc: number } | null;
};

describe("mlsec backtest", () => {
  it("trains before the day and scores that day's new arrivals", () => {
    const run = mlsec("samples/ufw.log.gz", "samples/auth.log.gz", "--day", "2026-10-12", "--json");
    expect(run.status, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as TOut;
    expect(out.day).toBe("2026-10-12");
    const c = out.metrics.confusion;
    // Every scored row lands in exactly one cell of the confusion matrix.
    expect(c.tp + c.fp + c.tn + c.fn).toBe(out.testRows);
    expect(out.newArrivals).toBeGreaterThan(0);
    expect(out.newArrivals).toBeLessThanOrEqual(out.testRows);
    expect(out.trainRows).toBeGreaterThan(out.testRows);
    expect(out.metrics.auc).toBeGreaterThan(0.5);
    expect(out.baseline?.auc).toBeGreaterThan(0);
  }, 120_000);

  it("says so when the day has too few new addresses to judge, and refuses bad usage", () => {
    const thin = mlsec("samples/ufw.log.gz", "--day", "2026-10-21");
    expect(thin.status).toBe(1);
    expect(thin.stderr).toMatch(/too few test rows/);
    expect(mlsec("samples/ufw.log.gz").status).toBe(2);
  }, 120_000);
});

describe("mlsec backtest over a range of days", () => {
  it("runs day-forward on logs with --from/--to, prints JSON and writes the HTML page", () => {
    const html = join(mkdtempSync(join(tmpdir(), "mlsec-backtest-")), "backtest.html");
    const run = mlsec(
      "samples/ufw.log.gz",
      "samples/auth.log.gz",
      "--malicious",
      "samples/feed-ipsum-sample.txt",
      "--from",
      "2026-10-12",
      "--to",
      "2026-10-13",
      "--json",
      "--html",
      html,
    );
    expect(run.status, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as TRangeOut;
    expect(out.days.map((d) => d.day)).toEqual(["2026-10-12", "2026-10-13"]);
    for (const name of ["model", "heuristic", "lwol", "gwol", "feed"])
      expect(out.pooled.all.rankers[name]?.hits).toHaveLength(3);
    expect(out.pooled.neverSeen.benign).toBeGreaterThan(0);
    const page = readFileSync(html, "utf8");
    expect(page).toContain("<svg");
    expect(page).toContain("hits @ 100");
  }, 180_000);

  it("runs on a generated world without files", () => {
    const run = mlsec(
      "--world",
      "enterprise-edge",
      "--seed",
      "3",
      "--scale",
      "0.3",
      "--world-days",
      "12",
      "--test-days",
      "1",
      "--json",
    );
    expect(run.status, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as TRangeOut;
    expect(out.days).toHaveLength(1);
    expect(out.pooled.all.malicious).toBeGreaterThan(0);
    expect(mlsec("--world", "no-such-world").status).toBe(2);
    expect(mlsec("samples/ufw.log.gz", "--day", "2026-10-12", "--from", "2026-10-12").status).toBe(2);
  }, 180_000);
});

type TRangeOut = {
  days: { day: string }[];
  pooled: {
    all: { malicious: number; rankers: Record<string, { hits: number[] } | undefined> };
    neverSeen: { benign: number };
  };
};
