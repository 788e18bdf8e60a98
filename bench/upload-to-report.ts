// Issue #21, "a report never waits for a grid search": upload -> report time of a week of firewall
// log through a real worker process, with WORKER_TRAIN_MODE inline (the grid search before the
// report) and background (the default: active model or a quick fit, grid search afterwards).
//   node --import tsx bench/upload-to-report.ts [LINES=15822] [DAYS=7]
// Background mode: a fresh tenant's first upload (no model yet), how long after its upload that
// report was re-scored by the grid search's model, then a second upload of the same tenant (an
// active model now). Inline mode: the fresh tenant's first upload (its grid search in the chain).
// Each worker is warmed first by a 300-line upload (too few labels to train). Uploads are stored and queued as the web app does; the
// clock starts when the upload is stored. Tenants are deleted afterwards. Needs PostgreSQL, Redis
// and the S3 server (npm run s3:start).
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createReadStream, readFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import {
  closeDb,
  createTenantWithOwner,
  createUpload,
  deleteTenant,
  getActiveModel,
  getReportForUpload,
  getUpload,
  setUploadStored,
} from "@mlsec/db";
import { createConnection, enqueueStage, openQueues, type TQueues } from "@mlsec/jobs";
import { generatedLog } from "./generated-log.ts";
import { ensureBucket, putStream, uploadKey } from "@mlsec/storage";

const LINES = Number(process.argv[2] ?? 15_822);
const DAYS = Number(process.argv[3] ?? 7);
const load = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");

const tenants: string[] = [];

async function newTenant(label: string): Promise<string> {
  const t = await createTenantWithOwner({
    name: `bench-u2r-${label}`,
    email: `bench-u2r-${label}-${randomUUID()}@example.test`,
    password: "bench-password",
  });
  tenants.push(t.tenantId);
  return t.tenantId;
}

/** Stores and queues an upload; resolves with its id and the seconds until it was done. */
async function upload(queues: TQueues, tenantId: string, file: string) {
  const row = await createUpload({ tenantId, filename: "fw.log" });
  const stored = await putStream({
    key: uploadKey(tenantId, row.id, "fw.log"),
    body: createReadStream(file),
  });
  await setUploadStored({ tenantId, id: row.id, ...stored, s3Key: stored.key });
  const at = Date.now();
  await enqueueStage(queues, "ingest", { tenantId, uploadId: row.id });
  for (;;) {
    const u = await getUpload({ tenantId, id: row.id });
    if (u.status === "failed") throw new Error(`upload failed: ${u.error ?? "?"}`);
    if (u.status === "done") return { uploadId: row.id, at, seconds: (Date.now() - at) / 1000 };
    await sleep(100);
  }
}

function startWorker(prefix: string, mode: string): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "apps/worker/src/main.ts"], {
    // eslint-disable-next-line no-restricted-properties -- the worker child inherits this environment
    env: { ...process.env, QUEUE_PREFIX: prefix, WORKER_TRAIN_MODE: mode, WORKER_LOG_LEVEL: "warn" },
    stdio: ["ignore", "inherit", "inherit"],
  });
}

await ensureBucket();
const first = generatedLog(LINES, { days: DAYS });
// A different file (so not a duplicate of the first) over the same days and sources.
const second = generatedLog(LINES + 500, { days: DAYS });
console.log(
  `machine: ${cpus().length} CPUs, ${cpus()[0]?.model ?? "?"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; load ${load()}`,
);
console.log(
  `log: ${LINES} lines over ${DAYS} days (bench/gen-iptables.ts), second upload ${LINES + 500} lines`,
);
const warm = generatedLog(300, { days: DAYS });
for (const mode of ["background", "inline"]) {
  const prefix = `bench-u2r-${randomUUID()}`;
  const queues = openQueues(createConnection(), prefix);
  const worker = startWorker(prefix, mode);
  const stop = () => worker.kill("SIGTERM");
  process.once("SIGINT", () => {
    stop();
    process.exit(130);
  });
  try {
    // Warms the worker (module loads, the AS table) on a throwaway tenant.
    await upload(queues, await newTenant(`${mode}-warm`), warm);
    const tenantId = await newTenant(mode);
    const a = await upload(queues, tenantId, first);
    console.log(`${mode}: new tenant's upload to report ${a.seconds.toFixed(1)} s (load ${load()})`);
    if (mode === "background") {
      // The second upload goes in while the first one's grid search runs, as a busy tenant's would.
      const b = await upload(queues, tenantId, second);
      console.log(
        `${mode}: same tenant's second upload to report ${b.seconds.toFixed(1)} s (load ${load()})`,
      );
      for (;;) {
        const row = await getReportForUpload({ tenantId, uploadId: a.uploadId });
        const active = await getActiveModel(tenantId);
        if (row.modelId === active?.id && active.version > 1) {
          console.log(
            `${mode}: first report re-scored by model ${active.version} (grid search) ${((Date.now() - a.at) / 1000).toFixed(1)} s after its upload`,
          );
          break;
        }
        await sleep(500);
      }
    }
  } finally {
    stop();
    await queues.close();
  }
}
for (const id of tenants) await deleteTenant(id).catch(() => undefined);
await closeDb();
