import { spawnSync } from "node:child_process";
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
