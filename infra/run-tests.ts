// `npm test`'s runner (after `npm run check`): two vitest processes side by side, because vitest
// alone runs its projects one after another. Within one process a project with file parallelism
// off (integration, e2e: each file starts workers or the platform and must not share them) gets a
// group of one worker, and such groups run in turn: unit, then integration, then e2e (about 16 min
// on a quiet machine here, 25 in CI, over its 20-min budget). The integration files and the browser
// tests share no queues (every integration test has its own queue prefix, the e2e platform its
// own), tenants or report keys, so they can run at once:
//   main:        unit (2 workers), then e2e (one file at a time, each in a fresh worker)
//   integration: the integration files, one at a time
// Tests that read or write state across tenants (the community pool) or compare two runs' reports
// take turns through one PostgreSQL advisory lock (test/community-pool-lock.ts), in either process.
// Tried before and taken back (stop 26): e2e files sharing one worker (isolate: false) got
// connection resets on uploads; and the checks beside the tests (nine tsc processes, eslint) ran
// the two CPUs at a load of 18, so the fault tests' 2 s locks lapsed. The checks run before.
// Each vitest process writes its own JSON report; infra/test-summary.mjs adds them up.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { createInterface } from "node:readline";
import { loadS3Env } from "@mlsec/config";
import { isS3Up, startS3Server } from "./s3-server.ts";

type TRun = { name: string; command: string[]; prefix: string; report?: string };

const vitest = (name: string, projects: string[], prefix: string): TRun => {
  const report = `.data/vitest-report-${name}.json`;
  const command = ["npx", "vitest", "run", ...projects.flatMap((p) => ["--project", p])];
  command.push("--reporter=default", "--reporter=json", `--outputFile.json=${report}`);
  return { name, command, prefix, report };
};

const RUNS: TRun[] = [
  vitest("main", ["unit", "e2e"], ""),
  vitest("integration", ["integration"], "[integration] "),
];

/** One process; its lines are copied to ours with the run's prefix; resolves to its exit code. */
function start(run: TRun): Promise<number> {
  const [command = "false", ...args] = run.command;
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
  for (const [from, to] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ] as const) {
    createInterface({ input: from }).on("line", (line) => to.write(`${run.prefix}${line}\n`));
  }
  return new Promise((resolve) => child.on("close", (code) => resolve(code ?? 1)));
}

// Both vitest processes' global setups start an S3 server when none answers; one started here
// first keeps them from racing for the port (CI starts its own before npm test).
const env = loadS3Env();
const s3 = (await isS3Up(env.S3_ENDPOINT)) ? null : await startS3Server(env);
// A report left by an earlier run must not be counted as this run's.
for (const r of RUNS) if (r.report) rmSync(r.report, { force: true });
const codes = await Promise.all(RUNS.map(start));
await s3?.close();
RUNS.forEach((r, i) => console.log(`${r.name} (${r.command.join(" ").slice(0, 70)}): exit ${codes[i]}`));
process.exit(codes.some((c) => c !== 0) ? 1 : 0);
