// Issue #21, load benchmark: TENANTS tenants upload LINES lines each at once through the API
// (POST /api/v1/uploads with each tenant's API key) to WORKERS worker processes; every report done,
// counts exact, wall time, upload-to-report latency p50/p95, peak RSS of each process, and the
// PostgreSQL size the rollups took per million events.
//   node --import tsx bench/load.ts [TENANTS=100] [LINES=100000] [WORKERS=2] [FILES=10]
// Needs a built portal (NEXTAUTH_SECRET=$(openssl rand -hex 24) npm run build -w apps/web: a production
// build refuses the development secret), PostgreSQL, Redis and the S3 server
// (npm run s3:start). Logs: bench/gen-iptables.ts, FILES distinct seeds over 9 days, tenant i
// uploading file i mod FILES (each tenant's data is its own; the pool is off). The portal and the
// workers run under a queue prefix of their own with the defaults (WORKER_CONCURRENCY 2,
// WORKER_TRAIN_MODE background); tenants are deleted afterwards.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, readFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { closeDb, createApiKey, createTenantWithOwner, deleteTenant, getDb } from "@mlsec/db";
import { generatedLog } from "./generated-log.ts";
import { ensureBucket } from "@mlsec/storage";
import { freePort } from "../test/free-port.ts";

const TENANTS = Number(process.argv[2] ?? 100);
const LINES = Number(process.argv[3] ?? 100_000);
const WORKERS = Number(process.argv[4] ?? 2);
const FILES = Number(process.argv[5] ?? 10);
const load = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");

if (!existsSync("apps/web/.next/BUILD_ID")) {
  console.error("no built portal: run `npm run build -w apps/web` first");
  process.exit(2);
}

/** Peak resident set of a process so far (VmHWM), in MB. */
function peakRssMb(pid: number | undefined): number {
  if (!pid) return NaN;
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : NaN;
}

async function rollupBytes(): Promise<number> {
  const rows = await getDb().$queryRawUnsafe<{ bytes: bigint }[]>(
    `SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint AS bytes
       FROM pg_class c JOIN pg_inherits i ON i.inhrelid = c.oid
      WHERE i.inhparent = '"IpDayRollup"'::regclass`,
  );
  return Number(rows[0]?.bytes ?? 0);
}

const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};

await ensureBucket();
const files = Array.from({ length: Math.min(FILES, TENANTS) }, (_, i) =>
  generatedLog(LINES, { seed: i + 1 }),
);
const bodies = files.map((f) => readFileSync(f));
const prefix = `bench-load-${randomUUID()}`;
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const env = {
  // eslint-disable-next-line no-restricted-properties -- the children inherit this environment
  ...process.env,
  QUEUE_PREFIX: prefix,
  NODE_ENV: "production",
  NEXTAUTH_URL: base,
  NEXTAUTH_SECRET: randomBytes(24).toString("hex"),
  SECRETS_ENCRYPTION_KEYS: `bench:${randomBytes(32).toString("base64")}`,
  WORKER_LOG_LEVEL: "warn",
};
const children: ChildProcess[] = [];
// Each child's stdout (the worker's JSON log: "event loop blocked" warnings among it) to a file.
mkdirSync("bench/out", { recursive: true });
const start = (name: string, args: string[], cwd: string): ChildProcess => {
  const child = spawn(process.execPath, args, { cwd, env, stdio: ["ignore", "pipe", "inherit"] });
  child.stdout?.pipe(createWriteStream(`bench/out/load-${name}.log`));
  children.push(child);
  return child;
};
const web = start(
  "portal",
  ["../../node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"],
  "apps/web",
);
const workers = Array.from({ length: WORKERS }, (_, i) =>
  start(`worker-${i + 1}`, ["--import", "tsx", "apps/worker/src/main.ts"], "."),
);
const stopAll = () => children.forEach((c) => c.kill("SIGTERM"));
process.once("SIGINT", () => {
  stopAll();
  process.exit(130);
});

const tenants: { tenantId: string; key: string; body: Buffer }[] = [];
try {
  for (;;) {
    const ok = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await sleep(500);
  }
  for (let i = 0; i < TENANTS; i++) {
    const t = await createTenantWithOwner({
      name: `bench-load-${i}`,
      email: `bench-load-${i}-${randomUUID()}@example.test`,
      password: "bench-password",
    });
    const { key } = await createApiKey({ tenantId: t.tenantId, name: "bench", scopes: ["upload", "read"] });
    tenants.push({ tenantId: t.tenantId, key, body: bodies[i % bodies.length] ?? Buffer.alloc(0) });
  }
  const bytesBefore = await rollupBytes();
  console.log(
    `machine: ${cpus().length} CPUs, ${cpus()[0]?.model ?? "?"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; load ${load()}`,
  );
  console.log(
    `${TENANTS} tenants x ${LINES} lines (${files.length} distinct logs), ${WORKERS} worker processes`,
  );
  const t0 = Date.now();
  const results = await Promise.all(
    tenants.map(async (t) => {
      const at = Date.now();
      const auth = { authorization: `Bearer ${t.key}` };
      const res = await fetch(`${base}/api/v1/uploads?filename=fw.log`, {
        method: "POST",
        headers: auth,
        body: t.body,
      });
      if (res.status !== 202) throw new Error(`upload answered ${res.status}: ${await res.text()}`);
      const { id } = (await res.json()) as { id: string };
      for (;;) {
        await sleep(2000);
        const view = (await (await fetch(`${base}/api/v1/uploads/${id}`, { headers: auth })).json()) as {
          status: string;
          error: string | null;
          counts: { lines: number | null; events: number | null };
        };
        // A failed upload is a result to report, not the end of the run.
        if (view.status === "failed" || view.status === "done")
          return { ...t, id, seconds: (Date.now() - at) / 1000, view, failed: view.status === "failed" };
      }
    }),
  );
  const wall = (Date.now() - t0) / 1000;
  const failures = results.filter((r) => r.failed);
  console.log(`failed: ${failures.length} of ${results.length}`);
  for (const f of failures.slice(0, 10)) console.log(`  ${f.id}: ${f.view.error ?? "?"}`);
  const peaks = { web: peakRssMb(web.pid), workers: workers.map((w) => peakRssMb(w.pid)) };
  const latencies = results.map((r) => r.seconds);
  console.log(`all ${results.length} uploads ended in ${wall.toFixed(0)} s wall (load ${load()})`);
  console.log(
    `upload to report: p50 ${percentile(latencies, 50).toFixed(0)} s, p95 ${percentile(latencies, 95).toFixed(0)} s, max ${Math.max(...latencies).toFixed(0)} s`,
  );
  console.log(
    `peak RSS: web ${peaks.web.toFixed(0)} MB, workers ${peaks.workers.map((p) => `${p.toFixed(0)} MB`).join(", ")}`,
  );
  // Exact counts: every line an event here (generated logs have no bad lines), and each upload's
  // rollups sum to its events. One aggregate: paging every upload's rollups (readRollups) took
  // minutes per upload beside the retrains.
  const sums = await getDb().$queryRawUnsafe<{ tenantId: string; events: bigint }[]>(
    `SELECT r."tenantId", sum(r."events")::bigint AS events
       FROM "IpDayRollup" r JOIN "Upload" u ON u."tenantId" = r."tenantId" AND u."sha256" = r."sourceKey"
      WHERE u."id" = ANY($1::text[]) GROUP BY r."tenantId"`,
    results.map((r) => r.id),
  );
  const sumOf = new Map(sums.map((x) => [x.tenantId, Number(x.events)]));
  const exact = results.filter(
    (r) => r.view.counts.lines === LINES && r.view.counts.events === LINES && sumOf.get(r.tenantId) === LINES,
  ).length;
  const events = [...sumOf.values()].reduce((a, b) => a + b, 0);
  console.log(`exact counts (lines = events = rollup sum = ${LINES}): ${exact} of ${results.length}`);
  const bytes = (await rollupBytes()) - bytesBefore;
  console.log(
    `rollups in PostgreSQL: ${(bytes / 2 ** 20).toFixed(0)} MB for ${(events / 1e6).toFixed(1)} M events = ${(bytes / 2 ** 20 / (events / 1e6)).toFixed(0)} MB per million events`,
  );
} finally {
  stopAll();
  for (const t of tenants) await deleteTenant(t.tenantId).catch(() => undefined);
  await closeDb();
}
