// Prints the run's totals as one plain line ("N passed, N failed, N skipped") from vitest's JSON
// reports (one per vitest process), so CI logs end with a count any
// reader (or tool) can find; above it, the slowest test files, since CI has a time budget and the
// log is where a slow file is noticed first. A missing report (a process that never started) is
// said, not skipped.
import { existsSync, readFileSync } from "node:fs";
import { relative } from "node:path";

const files =
  process.argv.length > 2
    ? process.argv.slice(2)
    : ["main", "integration"].map((n) => `.data/vitest-report-${n}.json`);
const totals = { passed: 0, failed: 0, skipped: 0 };
const timings = [];
for (const file of files) {
  if (!existsSync(file)) {
    console.log(`no report: ${file}`);
    totals.failed += 1;
    continue;
  }
  const r = JSON.parse(readFileSync(file, "utf8"));
  totals.passed += r.numPassedTests ?? 0;
  totals.failed += r.numFailedTests ?? 0;
  totals.skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  for (const t of r.testResults ?? []) {
    timings.push({
      name: relative(process.cwd(), t.name),
      s: ((t.endTime ?? 0) - (t.startTime ?? 0)) / 1000,
    });
  }
}
timings.sort((a, b) => b.s - a.s);
console.log("slowest test files (s):");
for (const t of timings.slice(0, 15)) console.log(`  ${t.s.toFixed(1).padStart(7)}  ${t.name}`);
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
