// Vitest global setup for the e2e project: builds the portal when its sources are newer than the
// last build, then starts `next start` and one worker as child processes on a queue prefix of their
// own (so no other worker on the shared Redis steals the jobs), waits until both are ready and
// hands the base URL to the tests. The S3 server is started by test/global-services.ts before this.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import "./provided-context.ts";
import { E2E_SECRETS_KEYS } from "./e2e-secrets-keys.ts";
import { freePort } from "../../../test/free-port.ts";

const webDir = fileURLToPath(new URL("..", import.meta.url));
const root = resolve(webDir, "../..");
const nextBin = join(root, "node_modules/next/dist/bin/next");
const workerMain = join(root, "apps/worker/src/main.ts");
const logDir = join(webDir, "e2e/logs");
/** The workspace packages the portal bundles (next.config.ts transpilePackages). */
const BUNDLED_PACKAGES = ["config", "core", "db", "jobs", "pipeline", "storage"];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && !entry.parentPath.includes("node_modules")) {
      newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

/** `next build` takes a while on this machine: only when the portal or a package it bundles changed. */
function buildIfStale(): void {
  const buildId = join(webDir, ".next/BUILD_ID");
  const built = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  const sources = [join(webDir, "src"), join(webDir, "next.config.ts"), join(webDir, "package.json")];
  for (const pkg of BUNDLED_PACKAGES) sources.push(join(root, "packages", pkg, "src"));
  if (built > Math.max(...sources.map(newestMtime))) return;
  console.log("[e2e] building the portal (next build)…");
  const run = spawnSync(process.execPath, [nextBin, "build"], { cwd: webDir, stdio: "inherit" });
  if (run.status !== 0) throw new Error(`next build failed with exit code ${run.status}`);
}

function start(name: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): ChildProcess {
  mkdirSync(logDir, { recursive: true });
  const log = createWriteStream(join(logDir, `${name}.log`));
  const child = spawn(process.execPath, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  return child;
}

/** Resolves when `ready()` says so; rejects when the child exits first or time runs out. */
async function waitFor(
  name: string,
  child: ChildProcess,
  ready: () => Promise<boolean>,
  timeoutMs = 90_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`${name} exited with code ${child.exitCode}; see apps/web/e2e/logs/${name}.log`);
    if (await ready()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${name} was not ready after ${timeoutMs} ms; see apps/web/e2e/logs/${name}.log`);
}

async function stop(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  buildIfStale();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  // The worker mails through an SMTP server on this port; a test that reads mail listens on it
  // (files run one at a time). With nobody listening, a mail job just fails and is retried.
  const smtpPort = await freePort();
  // The harness passes its environment on to the children, with the run's own URL and queue prefix.
  const env = {
    ...process.env,
    NEXTAUTH_URL: baseUrl,
    PORTAL_URL: baseUrl,
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    QUEUE_PREFIX: `mlsec-e2e-${process.pid}`,
    // The tests read a report more than once and compare it with the API: a report re-scored by a
    // background grid search between two reads would differ. That path has its own test
    // (apps/worker/test/background-train.integration.test.ts).
    WORKER_TRAIN_MODE: "inline",
    NODE_ENV: "production" as const,
    // A production server refuses the development secret (packages/config): give it a throwaway one.
    NEXTAUTH_SECRET: randomBytes(24).toString("hex"),
    // ...and the development key that seals stored secrets: the e2e ring, which the tests use too.
    SECRETS_ENCRYPTION_KEYS: E2E_SECRETS_KEYS,
    // Sign-in lockouts last 20 s instead of 15 minutes, so rate-limits.e2e.test.ts can wait one out.
    SIGNIN_WINDOW_SECONDS: "20",
  };

  const web = start("web", [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], webDir, env);
  let worker: ChildProcess | null = null;
  try {
    if (existsSync(workerMain)) {
      worker = start("worker", ["--import", "tsx", workerMain], root, env);
      let workerReady = false;
      worker.stdout?.on("data", (chunk: Buffer) => {
        if (chunk.toString().includes("worker ready")) workerReady = true;
      });
      await waitFor("worker", worker, () => Promise.resolve(workerReady));
    } else {
      console.warn(`[e2e] ${workerMain} is missing: uploads will never be processed`);
    }
    await waitFor("web", web, async () => {
      try {
        return (await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2000) })).ok;
      } catch {
        return false;
      }
    });
  } catch (err) {
    await Promise.all([stop(web), stop(worker)]);
    throw err;
  }
  project.provide("baseUrl", baseUrl);
  project.provide("workerRunning", worker !== null);
  project.provide("smtpPort", smtpPort);
  project.provide("queuePrefix", env.QUEUE_PREFIX);
  return async () => {
    await Promise.all([stop(web), stop(worker)]);
  };
}
