// The train stage's memory on a large tenant, as the worker runs it: a generated iptables log
// (default 3M lines over 9 days, ~247k sources: the log of issue #20) ingested into a bench tenant
// once, then the train stage's steps run in a fresh child process whose RSS and V8 heap are sampled
// every 100 ms and printed after each step (label-day history, labelled data set, SVM training).
// Needs PostgreSQL and the S3 server (`npm run s3:start`) at @mlsec/config's defaults.
//   node --import tsx bench/train-memory.ts [LINES=3000000] [--keep] [--heap-mb N] [--max-rows N]
// The log goes to /tmp/mlsec-bench/ (kept, regenerated only when missing); the tenant is deleted at
// the end unless --keep (its id is then kept in /tmp/mlsec-bench/tenant-LINES.txt and reused).
// --heap-mb runs the child with --max-old-space-size=N (the production worker had 4096).
// --max-rows sets the training cap (default TRAIN_MAX_ROWS).
import { execFileSync } from "node:child_process";
import { loadWorkerEnv } from "@mlsec/config";
import {
  createReadStream,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { loadShippedScanners, DatasetBuilder } from "@mlsec/core/labels";
import { asOfAfter } from "@mlsec/core/day";
import { trainFromDataset } from "@mlsec/core/pipeline";
import { resolveRankOptions } from "@mlsec/core/rank";
import {
  closeDb,
  createTenantWithOwner,
  createUpload,
  deleteTenant,
  getDb,
  getTenant,
  lastDataDay,
  setUploadStored,
  verdictsForTraining,
} from "@mlsec/db";
import { ingestUpload, sharedAsnTable, forEachLabelDay, LABEL_DAYS } from "@mlsec/pipeline";
import { tenantRankSettings } from "@mlsec/pipeline/settings";
import { ensureBucket, putStream, uploadKey } from "@mlsec/storage";

const DIR = "/tmp/mlsec-bench";
const mb = (n: number): string => `${(n / 2 ** 20).toFixed(0)} MB`;
const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");

if (process.argv[2] === "--stage") await stage(process.argv[3] ?? "", Number(process.argv[4]));
else await main();

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const lines = Number(args[0] !== undefined && /^\d+$/.test(args[0]) ? args[0] : 3_000_000);
  const keep = args.includes("--keep");
  const heapAt = args.indexOf("--heap-mb");
  const heapMb = heapAt >= 0 ? Number(args[heapAt + 1]) : null;
  const capAt = args.indexOf("--max-rows");
  const maxRows = capAt >= 0 ? Number(args[capAt + 1]) : loadWorkerEnv().TRAIN_MAX_ROWS;
  mkdirSync(DIR, { recursive: true });
  const file = `${DIR}/iptables-${lines}.log`;
  if (!existsSync(file))
    execFileSync("npx", ["tsx", "bench/gen-iptables.ts", String(lines), file], { stdio: "inherit" });
  console.log(
    `machine: ${cpus().length} CPUs, ${cpus()[0]?.model ?? "?"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}; load ${load()}`,
  );
  const idFile = `${DIR}/tenant-${lines}.txt`;
  let tenantId = existsSync(idFile) ? readFileSync(idFile, "utf8").trim() : "";
  if (tenantId && !(await getTenant(tenantId))) tenantId = "";
  try {
    if (!tenantId) tenantId = await ingest(file, lines);
    if (keep) writeFileSync(idFile, tenantId);
    const sources = await getDb().$queryRaw<{ n: bigint; rows: bigint }[]>`
      SELECT count(DISTINCT ip)::bigint AS n, count(*)::bigint AS rows FROM "IpDayRollup" WHERE "tenantId" = ${tenantId}`;
    console.log(`tenant: ${sources[0]?.n ?? 0} distinct sources, ${sources[0]?.rows ?? 0} (day, IP) rollups`);
    execFileSync(
      process.execPath,
      [
        ...(heapMb ? [`--max-old-space-size=${heapMb}`] : []),
        "--expose-gc",
        "--import",
        "tsx",
        "bench/train-memory.ts",
        "--stage",
        tenantId,
        String(maxRows),
      ],
      { stdio: "inherit" },
    );
  } finally {
    if (!keep && tenantId) {
      await deleteTenant(tenantId);
      rmSync(idFile, { force: true });
      await getDb().$executeRawUnsafe(`VACUUM "IpDayRollup"`);
    }
    await closeDb();
  }
}

async function ingest(file: string, lines: number): Promise<string> {
  await ensureBucket();
  const t = await createTenantWithOwner({
    name: "bench-train",
    email: `bench-train-${Date.now()}@example.test`,
    password: "bench-password",
  });
  const upload = await createUpload({ tenantId: t.tenantId, filename: "iptables.log" });
  const stored = await putStream({
    key: uploadKey(t.tenantId, upload.id, "iptables.log"),
    body: createReadStream(file),
  });
  await setUploadStored({ tenantId: t.tenantId, id: upload.id, ...stored, s3Key: stored.key });
  const started = Date.now();
  await ingestUpload({ tenantId: t.tenantId, uploadId: upload.id, progress: () => Promise.resolve() });
  console.log(
    `ingested ${file} (${lines} lines, ${mb(statSync(file).size)}) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return t.tenantId;
}

/** The train stage's steps, one at a time, with the peak RSS and heap of each. */
async function stage(tenantId: string, maxRows: number): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  let peak = { rss: 0, heap: 0 };
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peak = { rss: Math.max(peak.rss, m.rss), heap: Math.max(peak.heap, m.heapUsed) };
  }, 100);
  let t0 = Date.now();
  const step = (what: string): void => {
    const m = process.memoryUsage();
    peak = { rss: Math.max(peak.rss, m.rss), heap: Math.max(peak.heap, m.heapUsed) };
    const peakText = `peak RSS ${mb(peak.rss)}, peak heap ${mb(peak.heap)}`;
    gc();
    const live = process.memoryUsage();
    console.log(
      `  ${what}: ${((Date.now() - t0) / 1000).toFixed(1)} s; ${peakText}; live after GC: heap ${mb(live.heapUsed)}, array buffers ${mb(live.arrayBuffers)}, RSS ${mb(live.rss)}`,
    );
    peak = { rss: 0, heap: 0 };
    t0 = Date.now();
  };
  const [tenant, last] = await Promise.all([getTenant(tenantId), lastDataDay(tenantId)]);
  if (!tenant || !last) throw new Error("bench tenant has no data");
  const { decay, clusters } = tenantRankSettings(tenant);
  const asOf = asOfAfter(last);
  const asn = await sharedAsnTable();
  const verdicts = await verdictsForTraining(tenantId);
  const history = { tenantId, asOf, labelDays: LABEL_DAYS, rank: { decay, clusters, asn } };
  const labelling = { verdicts, scanners: loadShippedScanners(), asn, seed: 1 };
  step("start (AS table loaded)");
  const builder = new DatasetBuilder({
    ...labelling,
    clusters: resolveRankOptions({ asOf, clusters }).clusters,
    maxRows,
  });
  let rollups = 0;
  await forEachLabelDay(history, (day) => {
    rollups += day.rollups.length;
    builder.addDay({ ...day, snapshot: () => day.snapshot });
  });
  const dataset = builder.finish();
  const malicious = dataset.rows.filter((r) => r.y === 1).length;
  step(
    `label days streamed (${rollups} rollups), data set capped at ${maxRows}: ${dataset.rows.length} rows (${malicious} malicious, ${dataset.rows.length - malicious} benign; sampled from ${dataset.labelled.malicious} + ${dataset.labelled.benign}) x ${dataset.featureNames.length} features`,
  );
  const outcome = await trainFromDataset(dataset, { asOf, seed: 1 });
  step(
    `grid search (${outcome.model ? "30 points x 10 folds" : "skipped"}) + final fit: AUC ${outcome.model?.metrics.auc.toFixed(4) ?? "-"}, C ${outcome.model?.c ?? "-"}, gamma ${outcome.model?.gamma ?? "-"}`,
  );
  clearInterval(timer);
  await closeDb();
}
