// Issue #21, fair sharing: while tenant A's big upload runs, how long does tenant B's small upload
// take from upload to report, against the same upload on an idle system?
//   node --import tsx bench/fair-share.ts [BIG_LINES=1000000] [SMALL_LINES=20000]
// One real worker process (apps/worker/src/main.ts, WORKER_CONCURRENCY 2, one running job per
// tenant and queue: the defaults but for concurrency) under a queue prefix of its own; uploads are
// stored and queued as the web app does. Each small upload goes to a fresh tenant, so idle and
// loaded runs do the same work (first model, no history). Prints the times, the ratio, and when
// A's upload finished; the tenants are deleted afterwards. Needs PostgreSQL, Redis and the S3
// server (npm run s3:start).
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createReadStream, readFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import {
  closeDb,
  createTenantWithOwner,
  createUpload,
  deleteTenant,
  getUpload,
  setUploadStored,
} from "@mlsec/db";
import { createConnection, enqueueStage, openQueues, QUEUE_NAMES } from "@mlsec/jobs";
import { generatedLog } from "./generated-log.ts";
import { ensureBucket, putStream, uploadKey } from "@mlsec/storage";

const BIG = Number(process.argv[2] ?? 1_000_000);
const SMALL = Number(process.argv[3] ?? 20_000);
const load = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");

const prefix = `bench-fair-${randomUUID()}`;
const queues = openQueues(createConnection(), prefix);
const tenants: string[] = [];

async function submit(
  label: string,
  file: string,
): Promise<{ tenantId: string; uploadId: string; at: number }> {
  const t = await createTenantWithOwner({
    name: `bench-fair-${label}`,
    email: `bench-fair-${label}-${Date.now()}@example.test`,
    password: "bench-password",
  });
  tenants.push(t.tenantId);
  const upload = await createUpload({ tenantId: t.tenantId, filename: "fw.log" });
  const stored = await putStream({
    key: uploadKey(t.tenantId, upload.id, "fw.log"),
    body: createReadStream(file),
  });
  await setUploadStored({ tenantId: t.tenantId, id: upload.id, ...stored, s3Key: stored.key });
  // The clock starts when the upload is stored, as the web app's 202 answers.
  const at = Date.now();
  await enqueueStage(queues, "ingest", { tenantId: t.tenantId, uploadId: upload.id });
  return { tenantId: t.tenantId, uploadId: upload.id, at };
}

async function settled(u: { tenantId: string; uploadId: string; at: number }): Promise<number> {
  for (;;) {
    const row = await getUpload({ tenantId: u.tenantId, id: u.uploadId });
    if (row.status === "failed") throw new Error(`upload failed: ${row.error ?? "?"}`);
    if (row.status === "done") return (Date.now() - u.at) / 1000;
    await sleep(100);
  }
}

await ensureBucket();
const big = generatedLog(BIG);
const small = generatedLog(SMALL);
console.log(
  `machine: ${cpus().length} CPUs, ${cpus()[0]?.model ?? "?"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; load ${load()}`,
);
const worker = spawn(process.execPath, ["--import", "tsx", "apps/worker/src/main.ts"], {
  // eslint-disable-next-line no-restricted-properties -- the worker child inherits this environment
  env: { ...process.env, QUEUE_PREFIX: prefix, WORKER_CONCURRENCY: "2", WORKER_LOG_LEVEL: "warn" },
  stdio: ["ignore", "inherit", "inherit"],
});
// Interrupted (Ctrl-C), the worker child goes too, rather than living on under its prefix.
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => {
    worker.kill("SIGTERM");
    process.exit(130);
  });
try {
  // A first small upload warms the worker (module loads, the AS table), then the idle figure.
  await settled(await submit("warm", small));
  const idle = await settled(await submit("idle", small));
  console.log(`idle: B's ${SMALL}-line upload to report in ${idle.toFixed(1)} s (load ${load()})`);

  const a = await submit("big", big);
  for (;;) {
    const job = await queues.get(QUEUE_NAMES.ingest).getJob(`ingest-${a.uploadId}`);
    if (job && (await job.isActive())) break;
    await sleep(50);
  }
  const aDone = settled(a);
  const busy = await settled(await submit("beside", small));
  console.log(`beside A's ${BIG}-line upload: B to report in ${busy.toFixed(1)} s (load ${load()})`);
  const row = await getUpload({ tenantId: a.tenantId, id: a.uploadId });
  console.log(`A was at ${row.stage ?? "-"} ${row.progress}% when B's report was ready`);
  console.log(
    `A to report in ${(await aDone).toFixed(1)} s; B beside A / B idle = ${(busy / idle).toFixed(2)}`,
  );
} finally {
  worker.kill("SIGTERM");
  for (const id of tenants) await deleteTenant(id).catch(() => undefined);
  await queues.close();
  await closeDb();
}
