// `npm run dev` as the README runs it, for readme-dev.e2e.test.ts: from the repository root, in a
// process group of its own (npm -> infra/dev.mjs -> next dev, the worker, the S3 check) so that
// stopping it stops all of them. Its output is kept, so a test can check what it logged.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort as anyFreePort } from "../../../test/free-port.ts";

const webDir = fileURLToPath(new URL("..", import.meta.url));
const root = resolve(webDir, "../..");
const logFile = join(webDir, "e2e/logs/readme-dev.log");

export type TDevServer = { baseUrl: string; output: () => string; stop: () => Promise<void> };

/** Whether nothing listens on the port yet (next dev binds every interface, so 127.0.0.1 tells). */
function portFree(port: number): Promise<boolean> {
  return new Promise((ok) => {
    const server = createServer();
    server.once("error", () => ok(false));
    server.listen(port, "127.0.0.1", () => server.close(() => ok(true)));
  });
}

/** True while any process of the group is alive (signal 0 only checks). */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

/**
 * Starts `npm run dev` on the README's port 3000, or with PORT set to a free one when something
 * else (another checkout's dev server, say) holds 3000; resolves once the portal answers.
 */
export async function startReadmeDevServer(timeoutMs = 240_000): Promise<TDevServer> {
  const port = (await portFree(3000)) ? 3000 : await anyFreePort();
  // The shell a developer types `npm run dev` into, not vitest's: vitest sets NODE_ENV=test,
  // which next dev would run with.
  const { NODE_ENV: _vitests, ...inherited } = process.env;
  const env: Record<string, string | undefined> = { ...inherited, NEXT_TELEMETRY_DISABLED: "1" };
  if (port !== 3000) env.PORT = String(port);

  mkdirSync(join(webDir, "e2e/logs"), { recursive: true });
  const log = createWriteStream(logFile);
  let output = "";
  const child: ChildProcess = spawn("npm", ["run", "dev"], {
    cwd: root,
    // Next's types declare NODE_ENV always present; leaving it out is the point here.
    env: env as NodeJS.ProcessEnv,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      log.write(chunk);
    });
  }
  const pgid = child.pid;
  if (pgid === undefined) throw new Error("npm run dev did not start");

  const stop = async (): Promise<void> => {
    signalGroup(pgid, "SIGTERM");
    const deadline = Date.now() + 15_000;
    while (groupAlive(pgid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    // Whatever ignored SIGTERM (a worker closing its queues slowly) must not outlive the test.
    signalGroup(pgid, "SIGKILL");
    log.end();
  };

  // The README's host, exactly: 127.0.0.1, not localhost.
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`npm run dev exited with ${child.exitCode}; see apps/web/e2e/logs/readme-dev.log`);
    }
    try {
      if ((await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(5000) })).ok)
        return { baseUrl, output: () => output, stop };
    } catch {
      // Not listening yet, or still compiling the route.
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  await stop();
  throw new Error(`npm run dev did not answer at ${baseUrl} within ${timeoutMs} ms`);
}
