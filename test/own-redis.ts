// A redis-server of a test's own, on a free port, that the test can stop and start again: the
// fault and health tests take Redis away without touching the shared one on 6379.
import { spawn, type ChildProcess } from "node:child_process";
import { pingRedis } from "@mlsec/jobs";
import { freePort } from "./free-port.ts";
export { freePort };

export type TOwnRedis = {
  url: string;
  port: number;
  /** Starts it (again, on the same port); resolves once it answers PING. */
  start: () => Promise<void>;
  /** Stops it (SIGTERM, no persistence: a restarted one is empty unless `keepData`). */
  stop: () => Promise<void>;
};

/**
 * `keepData` makes a restart keep the queues, as a production Redis with persistence does: the
 * server writes its data on shutdown (SIGTERM with `save`) into a directory of its own.
 */
export async function ownRedis(opts: { keepData?: boolean; dir?: string } = {}): Promise<TOwnRedis> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--appendonly", "no"];
  if (opts.keepData && opts.dir) args.push("--save", "3600 1", "--dir", opts.dir, "--dbfilename", "dump.rdb");
  else args.push("--save", "");
  const self: TOwnRedis = {
    url,
    port,
    async start() {
      child = spawn("redis-server", args, { stdio: "ignore" });
      const until = Date.now() + 15_000;
      for (;;) {
        try {
          await pingRedis(url, 500);
          return;
        } catch (err) {
          if (Date.now() > until) throw new Error(`redis-server on ${port} did not start: ${String(err)}`);
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    },
    async stop() {
      const c = child;
      child = null;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      const exited = new Promise((r) => c.once("exit", r));
      c.kill("SIGTERM");
      await exited;
    },
  };
  await self.start();
  return self;
}
