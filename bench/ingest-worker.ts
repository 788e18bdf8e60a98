// The worker's ingest path, timed: a generated iptables file streamed from S3 through the parsers
// into per-(day, IP) rollups in PostgreSQL (packages/pipeline ingestUpload), for a fresh tenant that
// is deleted afterwards. Needs PostgreSQL on this machine and the S3 server (npm run s3:start).
//   node --import tsx bench/ingest-worker.ts [LINES=1000000]
// Reports wall time, this process's CPU seconds, and the CPU seconds of the PostgreSQL backend
// that wrote the rollups (read from /proc: the machine is shared, so CPU seconds compare better
// across runs than wall time), plus peak RSS sampled every 100 ms.
import { execFileSync } from "node:child_process";
import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import { cpus, freemem, totalmem } from "node:os";
import { closeDb, createTenantWithOwner, createUpload, getDb, setUploadStored } from "@mlsec/db";
import { ingestUpload } from "@mlsec/pipeline";
import { ensureBucket, putStream, uploadKey } from "@mlsec/storage";

const lines = Number(process.argv[2] ?? 1_000_000);
const file = `bench/out/iptables-${lines}.log`;
if (!existsSync(file))
  execFileSync("npx", ["tsx", "bench/gen-iptables.ts", String(lines), file], { stdio: "inherit" });
const load = () => execFileSync("cat", ["/proc/loadavg"]).toString().split(" ").slice(0, 3).join(" ");
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
  let started = Date.now();
  const stored = await putStream({
    key: uploadKey(t.tenantId, upload.id, "iptables.log"),
    body: createReadStream(file),
  });
  const putS = (Date.now() - started) / 1000;
  await setUploadStored({ tenantId: t.tenantId, id: upload.id, ...stored, s3Key: stored.key });
  started = Date.now();
  const cpu = process.cpuUsage();
  let peak = 0;
  // CPU ticks of the writer's backend (application_name set by packages/db openRollupWriter).
  const backendTicks = new Map<number, number>();
  const ticks = (pid: number): number => {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
  };
  let probing = false;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
    if (probing) return;
    probing = true;
    void getDb().$queryRaw<
      { pid: number }[]
    >`SELECT pid FROM pg_stat_activity WHERE application_name = 'mlsec-rollup-writer'`
      .then((rows) => {
        for (const { pid } of rows) {
          try {
            backendTicks.set(pid, ticks(pid));
          } catch {
            // another run's backend that just ended
          }
        }
      })
      .finally(() => (probing = false));
  }, 100);
  const summary = await ingestUpload({
    tenantId: t.tenantId,
    uploadId: upload.id,
    progress: () => Promise.resolve(),
  });
  clearInterval(timer);
  const wall = (Date.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const rollups = await getDb().ipDayRollup.count({ where: { tenantId: t.tenantId } });
  console.log(
    `file: ${file}, ${lines} lines, ${(statSync(file).size / 2 ** 20).toFixed(0)} MiB; S3 put ${putS.toFixed(1)} s`,
  );
  console.log(
    `ingest stage: ${wall.toFixed(1)} s wall, ${((used.user + used.system) / 1e6).toFixed(1)} s CPU (node), ${(
      [...backendTicks.values()].reduce((a, b) => a + b, 0) / 100
    ).toFixed(
      1,
    )} s CPU (PostgreSQL writer backend, last sample), ${Math.round(summary.lines / wall)} lines/s; ${rollups} rollups written; peak RSS ${(peak / 2 ** 20).toFixed(0)} MB; load ${load()}`,
  );
} finally {
  await getDb().tenant.delete({ where: { id: t.tenantId } });
  await getDb().user.deleteMany({ where: { email: { startsWith: "bench-" } } });
  await closeDb();
}
