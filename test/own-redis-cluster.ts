// A three-node Redis Cluster of a test's own (Debian's redis-server in cluster mode on three free
// loopback ports, masters only, slots split by `redis-cli --cluster create`), torn down after.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { freePort } from "./own-redis.ts";

export type TOwnCluster = {
  /** "127.0.0.1:p1,127.0.0.1:p2,127.0.0.1:p3", as REDIS_CLUSTER_NODES takes it. */
  nodes: string;
  ports: number[];
  /** Every key a pattern matches on each node, by port: which node holds what. */
  keysByNode: (pattern: string) => Promise<Map<number, string[]>>;
  stop: () => Promise<void>;
};

async function waitUntil(what: string, ok: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await ok().catch(() => false))) {
    if (Date.now() > until) throw new Error(`${what} did not happen in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const client = (port: number) =>
  new Redis({ port, host: "127.0.0.1", lazyConnect: true, maxRetriesPerRequest: 1 });

export async function ownRedisCluster(): Promise<TOwnCluster> {
  const dir = mkdtempSync(join(tmpdir(), "mlsec-cluster-"));
  const ports = [await freePort(), await freePort(), await freePort()];
  const children: ChildProcess[] = ports.map((port) =>
    spawn(
      "redis-server",
      [
        "--port",
        String(port),
        "--bind",
        "127.0.0.1",
        "--cluster-enabled",
        "yes",
        "--cluster-config-file",
        join(dir, `nodes-${port}.conf`),
        "--dir",
        dir,
        "--save",
        "",
        "--appendonly",
        "no",
      ],
      { stdio: "ignore" },
    ),
  );
  const stop = async () => {
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null || c.signalCode !== null) return resolve();
            c.once("exit", () => resolve());
            c.kill("SIGTERM");
          }),
      ),
    );
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const port of ports)
      await waitUntil(`redis-server on ${port}`, async () => {
        const r = client(port);
        try {
          await r.connect();
          return (await r.ping()) === "PONG";
        } finally {
          r.disconnect();
        }
      });
    const create = spawnSync(
      "redis-cli",
      [
        "--cluster",
        "create",
        ...ports.map((p) => `127.0.0.1:${p}`),
        "--cluster-replicas",
        "0",
        "--cluster-yes",
      ],
      { encoding: "utf8" },
    );
    if (create.status !== 0)
      throw new Error(`redis-cli --cluster create failed: ${create.stdout}${create.stderr}`);
    for (const port of ports)
      await waitUntil(`cluster_state:ok on ${port}`, async () => {
        const r = client(port);
        try {
          await r.connect();
          return /cluster_state:ok/.test(String(await r.call("CLUSTER", "INFO")));
        } finally {
          r.disconnect();
        }
      });
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    nodes: ports.map((p) => `127.0.0.1:${p}`).join(","),
    ports,
    async keysByNode(pattern) {
      const out = new Map<number, string[]>();
      for (const port of ports) {
        const r = client(port);
        try {
          await r.connect();
          out.set(port, await r.keys(pattern));
        } finally {
          r.disconnect();
        }
      }
      return out;
    },
    stop,
  };
}
