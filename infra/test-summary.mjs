// Prints the run's totals as one plain line ("N passed, N failed, N skipped") from vitest's JSON
// report, so CI logs end with a count any reader (or tool) can find.
import { readFileSync } from "node:fs";

const file = process.argv[2] ?? ".data/vitest-report.json";
const r = JSON.parse(readFileSync(file, "utf8"));
const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
