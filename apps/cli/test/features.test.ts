import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { parseLibsvm } from "@mlsec/core/train";

const run = promisify(execFile);
const BIN = new URL("../bin/mlsec.js", import.meta.url).pathname;
const SAMPLES = new URL("../../../samples/", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "mlsec-features-"));

describe("mlsec features", () => {
  it("exports a labelled libsvm matrix from the sample logs", async () => {
    const out = join(dir, "samples.libsvm");
    const { stdout } = await run(process.execPath, [
      BIN,
      "features",
      join(SAMPLES, "ufw.log.gz"),
      join(SAMPLES, "auth.log.gz"),
      "--malicious",
      join(SAMPLES, "feed-ipsum-sample.txt"),
      "--as-of",
      "2026-10-15",
      "--label-days",
      "3",
      "--no-asn",
      "--export-libsvm",
      out,
      "--json",
    ]);
    const summary = JSON.parse(stdout) as {
      rows: number;
      malicious: number;
      benign: number;
      featureNames: string[];
      asOf: string;
    };
    expect(summary.asOf).toBe("2026-10-15");
    expect(summary.malicious).toBeGreaterThan(0);
    expect(summary.benign).toBeGreaterThan(0);
    const rows = parseLibsvm(readFileSync(out, "utf8"), summary.featureNames.length);
    expect(rows).toHaveLength(summary.rows);
    expect(rows.filter((r) => r.y === 1)).toHaveLength(summary.malicious);
  });

  it("refuses to run without an output file", async () => {
    await expect(run(process.execPath, [BIN, "features", join(SAMPLES, "ufw.log.gz")])).rejects.toMatchObject(
      { code: 2 },
    );
  });
});
