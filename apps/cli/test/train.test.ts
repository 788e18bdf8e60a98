import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { parseTrainedModel, seededRandom, toLibsvm, type TLabelledRow } from "@mlsec/core/train";

const run = promisify(execFile);
const BIN = new URL("../bin/mlsec.js", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "mlsec-train-"));

// A fixture written at test time: two noisy blobs in 4 dimensions, seeded.
function fixture(): string {
  const rand = seededRandom(17);
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const rows: TLabelledRow[] = Array.from({ length: 300 }, () => {
    const y: 0 | 1 = rand() < 0.5 ? 1 : 0;
    return { y, x: Array.from({ length: 4 }, () => gauss() + (y ? 1.2 : 0)) };
  });
  const file = join(dir, "fixture.libsvm");
  writeFileSync(file, toLibsvm(rows));
  return file;
}
const file = fixture();

async function mlsec(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args]);
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

describe("mlsec train", () => {
  it("prints cvAccuracy, folds and ms as JSON for a libsvm file", async () => {
    const { code, stdout, stderr } = await mlsec(
      "train",
      "--libsvm",
      file,
      "--folds",
      "5",
      "--c",
      "1",
      "--gamma",
      "0.5",
      "--json",
    );
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as Record<string, unknown>;
    expect(out.folds).toBe(5);
    expect(typeof out.ms).toBe("number");
    expect(out.cvAccuracy).toBeGreaterThan(0.8);
    expect(out.cvAccuracy).toBeLessThanOrEqual(1);
    expect(out.rows).toBe(300);
    expect(out.c).toBe(1);
    expect(out.gamma).toBe(0.5);
  });

  it("writes a model that loads back, and prints a readable summary without --json", async () => {
    const model = join(dir, "model.json");
    const { code, stdout } = await mlsec(
      "train",
      "--libsvm",
      file,
      "--folds",
      "3",
      "--c",
      "2",
      "--gamma",
      "0.25",
      "--out",
      model,
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/cross-validation accuracy \d+\.\d+%/);
    const loaded = parseTrainedModel(readFileSync(model, "utf8"));
    expect(loaded.c).toBe(2);
    expect(loaded.svm).toMatch(/^SV$/m);
  });

  it("grid-searches when C and gamma are not given", async () => {
    const { code, stdout } = await mlsec("train", "--libsvm", file, "--folds", "3", "--json");
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { c: number; gamma: number };
    expect([0.5, 2, 8, 32, 128, 512]).toContain(out.c);
  });

  it("exits 2 with usage on bad arguments", async () => {
    const missing = await mlsec("train", "--folds", "3");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--libsvm/);
    const badFolds = await mlsec("train", "--libsvm", file, "--folds", "1");
    expect(badFolds.code).toBe(2);
  });

  it("exits 1 on an unreadable file", async () => {
    const r = await mlsec("train", "--libsvm", join(dir, "missing.libsvm"));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
  });
});
