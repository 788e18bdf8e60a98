import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { TFeedStats } from "@mlsec/core/community";

const ROOT = join(import.meta.dirname, "..", "..", "..");
const mlsec = (...args: string[]) =>
  spawnSync(process.execPath, [join(ROOT, "apps/cli/bin/mlsec.js"), "feeds", ...args], {
    encoding: "utf8",
    cwd: ROOT,
  });

function fixtures(): { daily: string; ipsum: string } {
  const dir = mkdtempSync(join(tmpdir(), "mlsec-feeds-"));
  const daily = join(dir, "daily");
  mkdirSync(daily);
  writeFileSync(join(daily, "list-2026-01-01.txt"), "1.1.1.1\n2.2.2.2\n3.3.3.3\n");
  writeFileSync(join(daily, "list-2026-01-02.txt"), "# comment\n2.2.2.2\n3.3.3.3\n4.4.4.4\n5.5.5.5\n");
  writeFileSync(join(daily, "list-2026-01-03.txt"), "3.3.3.3\n5.5.5.5\n198.51.100.0/24\n");
  writeFileSync(join(daily, "README"), "not a snapshot");
  const ipsum = join(dir, "ipsum.txt");
  writeFileSync(ipsum, "# IPsum\n3.3.3.3\t4\n9.9.9.9\t1\n");
  return { daily, ipsum };
}

describe("mlsec feeds stats", () => {
  it("prints novelty, churn, aging, uniqueness and overlap as JSON", () => {
    const { daily, ipsum } = fixtures();
    const run = mlsec("stats", daily, ipsum, "--json");
    expect(run.status, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as TFeedStats;
    const [d, i] = out.sources;
    expect(d?.name).toBe("daily");
    expect(d?.series.map((s) => [s.day, s.added, s.churned])).toEqual([
      ["2026-01-01", 3, 0],
      ["2026-01-02", 2, 1],
      ["2026-01-03", 1, 2],
    ]);
    expect(d?.size).toBe(3);
    expect(d?.distinct).toBe(6);
    expect(d?.meanAdded).toBe(1.5);
    // Listed snapshots: 1.1.1.1→1, 2.2.2.2→2, 3.3.3.3→3, 4.4.4.4→1, 5.5.5.5→2, the /24→1.
    expect(d?.aging.mean).toBe(10 / 6);
    expect(d?.uniqueness).toBe(5 / 6);
    expect(i?.name).toBe("ipsum");
    expect(i?.uniqueness).toBe(1 / 2);
    expect(out.overlap).toEqual([
      [1, 1 / 6],
      [1 / 2, 1],
    ]);
  });

  it("prints a table and honours --min-lists", () => {
    const { daily, ipsum } = fixtures();
    const run = mlsec("stats", daily, ipsum, "--min-lists", "2");
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^source\s+days\s+size\s+distinct\s+added\/day\s+churn\/day/);
    expect(run.stdout).toMatch(/\nipsum\s+1\s+1\s+1\s/);
    expect(run.stdout).toContain("overlap");
  });

  it("rejects a missing subcommand with a usage error", () => {
    const run = mlsec("list");
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/feeds stats/);
  });
});
