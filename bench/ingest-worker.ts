// The worker's ingest path, timed: a generated iptables file streamed from S3 through the parsers
// into per-(day, IP) rollups in PostgreSQL (packages/pipeline ingestUpload), for a fresh tenant that
// is deleted afterwards. Needs PostgreSQL on this machine and the S3 server (npm run s3:start).
//   node --import tsx bench/ingest-worker.ts [LINES=1000000]
// The file is put to S3 by this process; the stage runs in a fresh child process, as in a worker,
// so its peak RSS is the stage's own (sampled every 100 ms). Reports wall time, the child's CPU
// seconds, and the CPU seconds of the PostgreSQL backends that wrote the rollups (read from /proc:
// the machine is shared, so CPU seconds compare better across runs than wall time). Ends with a
// VACUUM of the rollup table.
import { execFileSync } from "node:child_process";
import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import { cpus, freemem, totalmem } from "node:os";
import {
  closeDb,
  createTenantWithOwner,
  createUpload,
  deleteTenant,
  getDb,
  setUploadStored,
} from "@mlsec/db";
import { ingestUpload } from "@mlsec/pipeline";
import { ensureBucket, putStream, uploadKey } from "@mlsec/storage";

const load = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");

if (process.argv[2] === "--stage") await stage(process.argv[3] ?? "", process.argv[4] ?? "");
else await main(Number(process.argv[2] ?? 1_000_000));

async function main(lines: number): Promise<void> {
  const file = `bench/out/iptables-${lines}.log`;
  if (!existsSync(file))
    execFileSync("npx", ["tsx", "bench/gen-iptables.ts", String(lines), file], { stdio: "inherit" });
  console.log(
    `machine: ${cpus().length} CPUs, ${cpus()[0]?.model ?? "?"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB (${(freemem() / 2 ** 30).toFixed(0)} free); load ${load()}`,
  );
  await ensureBucket();
  const t = await createTenantWithOwner({
    name: "bench",
    email: `bench-${Date.now()}@example.test`,
    password: "bench-password",
  });
  try {
    const upload = await createUpload({ tenantId: t.tenantId, filename: "iptables.log" });
    const started = Date.now();
    const stored = await putStream({
      key: uploadKey(t.tenantId, upload.id, "iptables.log"),
      body: createReadStream(file),
    });
    const putS = (Date.now() - started) / 1000;
    await setUploadStored({ tenantId: t.tenantId, id: upload.id, ...stored, s3Key: stored.key });
    console.log(
      `file: ${file}, ${lines} lines, ${(statSync(file).size / 2 ** 20).toFixed(0)} MiB; S3 put ${putS.toFixed(1)} s`,
    );
    execFileSync(
      process.execPath,
      ["--import", "tsx", "bench/ingest-worker.ts", "--stage", t.tenantId, upload.id],
      {
        stdio: "inherit",
      },
    );
    const rollups = await getDb().ipDayRollup.count({ where: { tenantId: t.tenantId } });
    console.log(`rollups in PostgreSQL: ${rollups}`);
  } finally {
    await deleteTenant(t.tenantId);
    await getDb().user.deleteMany({ where: { email: { startsWith: "bench-" } } });
    // The test database runs without autovacuum: without this, each run leaves its rows as dead
    // tuples and the next run writes into an ever more bloated table and indexes.
    await getDb().$executeRawUnsafe(`VACUUM "IpDayRollup"`);
    await closeDb();
  }
}

async function stage(tenantId: string, uploadId: string): Promise<void> {
  // CPU ticks of the writer's backends (application_name set by packages/db openRollupWriter).
  const backendTicks = new Map<number, number>();
  const ticks = (pid: number): number => {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
  };
  let peak = 0;
  let atPeak = "";
  let started = Date.now();
  const mb = (n: number): string => (n / 2 ** 20).toFixed(0);
  let probing = false;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    if (m.rss > peak) {
      peak = m.rss;
      atPeak = `${((Date.now() - started) / 1000).toFixed(1)} s in, V8 heap ${mb(m.heapUsed)}/${mb(m.heapTotal)} MB, array buffers ${mb(m.arrayBuffers)} MB`;
    }
    if (probing) return;
    probing = true;
    void getDb().$queryRaw<
      { pid: number }[]
    >`SELECT pid FROM pg_stat_activity WHERE application_name = ${`mlsec-rollup-writer/${process.pid}`}`
      .then((rows) => {
        for (const { pid } of rows) {
          try {
            backendTicks.set(pid, ticks(pid));
          } catch {
            // a backend that just ended
          }
        }
      })
      .finally(() => (probing = false));
  }, 100);
  await getDb().$queryRaw`SELECT 1`; // connect before the clock starts
  const rssBefore = process.memoryUsage().rss;
  started = Date.now();
  const cpu = process.cpuUsage();
  const summary = await ingestUpload({ tenantId, uploadId, progress: () => Promise.resolve() });
  const wall = (Date.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  clearInterval(timer);
  const backendS = [...backendTicks.values()].reduce((a, b) => a + b, 0) / 100;
  console.log(
    `ingest stage: ${wall.toFixed(1)} s wall, ${Math.round(summary.lines / wall)} lines/s; CPU ${((used.user + used.system) / 1e6).toFixed(1)} s node + ${backendS.toFixed(1)} s PostgreSQL (${backendTicks.size} writer backends, last sample); peak RSS ${(peak / 2 ** 20).toFixed(0)} MB (${(rssBefore / 2 ** 20).toFixed(0)} MB at the start; at the peak ${atPeak}); load ${load()}`,
  );
  await closeDb();
}
