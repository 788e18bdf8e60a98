import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createSvmPool } from "../../src/train/svm-pool.ts";

// Two separable clusters in two dimensions: enough for libsvm to fit and for the pool to do work.
function rows(n: number): { X: Float64Array; y: Int8Array } {
  const X = new Float64Array(n * 2);
  const y = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    const bad = i % 2 === 0;
    X[i * 2] = (bad ? 1 : -1) + ((i * 37) % 11) / 50;
    X[i * 2 + 1] = (bad ? 1 : -1) - ((i * 17) % 13) / 50;
    y[i] = bad ? 1 : 0;
  }
  return { X, y };
}

/** A fit on all n rows, scoring the same rows. */
function fitEveryRow(n: number) {
  const all = Int32Array.from({ length: n }, (_, i) => i);
  return {
    train: all,
    test: all,
    c: 1,
    gamma: 0.5,
    weights: { "0": 1, "1": 1 },
    cacheMb: 10,
    shrinking: true,
    wantModel: false,
  };
}

describe("createSvmPool", () => {
  it("runs fits on several threads and closes them without terminating any", async () => {
    const { X, y } = rows(200);
    const pool = createSvmPool(X, y, 2, 3);
    const task = fitEveryRow(200);
    const results = await Promise.all([pool.fit(task), pool.fit(task), pool.fit(task), pool.fit(task)]);
    for (const r of results) {
      expect(r.decisions).toHaveLength(200);
      // The classes are separable, so the decision value's sign follows the label on every row.
      const agree = Array.from(r.decisions).filter((v, i) => v > 0 === (y[i] === 1)).length;
      expect(Math.max(agree, 200 - agree)).toBe(200);
    }
    // Exit code 0 means each thread ended on its own after "close"; a terminated thread exits 1,
    // and terminating threads mid-compilation is what aborted Node 20 in CI.
    expect(await pool.close()).toEqual([0, 0, 0]);
  });

  it.runIf(process.platform === "linux")(
    "runs its threads at the nice value it is given, and no others",
    async () => {
      // Field 19 of /proc/self/task/<tid>/stat is the thread's nice value (after the ")" of its name).
      const niceOfThreads = (): number[] =>
        readdirSync("/proc/self/task").map((tid) => {
          const stat = readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
          return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]);
        });
      const before = niceOfThreads().filter((n) => n === 10).length;
      const { X, y } = rows(100);
      const pool = createSvmPool(X, y, 2, 2, 10);
      const task = fitEveryRow(100);
      // Both threads have taken their init message once each has answered a fit.
      await Promise.all([pool.fit(task), pool.fit(task), pool.fit(task)]);
      expect(niceOfThreads().filter((n) => n === 10).length - before).toBe(2);
      // This thread (the caller's) keeps its own priority.
      expect(niceOfThreads()[0]).toBe(0);
      expect(await pool.close()).toEqual([0, 0]);
    },
  );
});
