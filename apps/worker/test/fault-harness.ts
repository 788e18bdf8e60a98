import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { gunzipSync } from "node:zlib";
import { ZReport, type TReport } from "@mlsec/core/report";
import { createUpload, getReportForUpload, getUpload, readRollups, setUploadStored } from "@mlsec/db";
import { enqueueStage, QUEUE_NAMES, stageJobId, type TPipelineStage, type TQueues } from "@mlsec/jobs";
import {
  getBytesOrNull,
  getJson,
  getStorage,
  putStream,
  uploadKey,
  uploadSnapshotKey,
  type TStorage,
} from "@mlsec/storage";
import { seededRandom as seeded } from "@mlsec/core/train";

export { seeded };

/**
 * Shared by the fault tests (issue #20): worker child processes on a queue prefix of the test's
 * own (no other worker on the shared Redis takes its jobs), uploads stored and queued as the web
 * app does, and an upload's outcome in the form two runs of the same file can be compared in.
 */

/** A worker child and the tail of what it printed, for the message of a test that fails. */
export type TWorkerChild = {
  child: ChildProcess;
  /** When it was told to start consuming: a job moved to active after this is this worker's. */
  startedAt: number;
  output: () => string;
};

/**
 * Worker processes (test/warm-worker.ts: the real main.ts, started once its modules are loaded).
 * `prepare` loads one without letting it take jobs; `go` starts it.
 */
export function workerPool(baseEnv: Record<string, string>) {
  const children: TWorkerChild[] = [];
  const prepare = async (extra: Record<string, string> = {}): Promise<TWorkerChild> => {
    const child = spawn(process.execPath, ["--import", "tsx", "apps/worker/test/warm-worker.ts"], {
      // Inline training: these tests compare a chain's outputs with an undisturbed run's, which a
      // report re-scored after its upload is done would make a race (background-train tests that path).
      // eslint-disable-next-line no-restricted-properties -- a child process inherits this one's environment
      env: { ...process.env, WORKER_CONCURRENCY: "1", WORKER_TRAIN_MODE: "inline", ...baseEnv, ...extra },
      stdio: ["pipe", "pipe", "pipe"],
    });
    const lines: string[] = [];
    let loaded: () => void = () => undefined;
    const isLoaded = new Promise<void>((resolve) => (loaded = resolve));
    const keep = (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      if (text.includes("warm-worker: loaded")) loaded();
      lines.push(...text.split("\n").filter(Boolean));
      lines.splice(0, Math.max(0, lines.length - 40));
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    const w: TWorkerChild = { child, startedAt: Number.POSITIVE_INFINITY, output: () => lines.join("\n") };
    children.push(w);
    const exited = new Promise<"exited">((resolve) => child.once("exit", () => resolve("exited")));
    if ((await Promise.race([isLoaded, exited])) === "exited")
      throw new Error(`worker exited before loading: ${w.output()}`);
    return w;
  };
  const go = (w: TWorkerChild): TWorkerChild => {
    w.startedAt = Date.now();
    w.child.stdin?.write("go\n");
    return w;
  };
  return {
    children,
    prepare,
    go,
    /** A worker that consumes jobs from now on. */
    start: async (extra: Record<string, string> = {}) => go(await prepare(extra)),
    kill,
    async killAll(): Promise<void> {
      await Promise.all(children.map((w) => kill(w)));
    },
  };
}

/** kill -9, resolved once the process is gone (its connections close with it). */
export async function kill(w: TWorkerChild): Promise<void> {
  const { child } = w;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGKILL");
  await exited;
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null>,
  timeoutMs = 120_000,
  everyMs = 50,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== null) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * Every third line of samples/ufw.log.gz (21 days, attackers and benign hosts, so a model trains),
 * then its first week again: days that come back after they were closed, the input on which the
 * issue saw events go missing. About 8,000 lines: a chain takes seconds, not minutes.
 */
export function faultLog(): Buffer {
  const lines = gunzipSync(readFileSync("samples/ufw.log.gz")).toString("utf8").split("\n").filter(Boolean);
  const thinned = lines.filter((_, i) => i % 3 === 0);
  const firstWeek = thinned.filter((l) => /^Oct {2}[1-7] /.test(l));
  return Buffer.from(`${[...thinned, ...firstWeek].join("\n")}\n`);
}

/** Stores a body as the web app does (S3 under the upload's key, then the row) and queues its ingest. */
export async function submit(
  queues: TQueues,
  tenantId: string,
  filename: string,
  bytes: Buffer,
  storage: TStorage = getStorage(),
): Promise<string> {
  const upload = await createUpload({ tenantId, filename });
  const stored = await putStream({
    key: uploadKey(tenantId, upload.id, filename),
    body: Readable.from([bytes]),
    storage,
  });
  await setUploadStored({ tenantId, id: upload.id, ...stored, s3Key: stored.key });
  await enqueueStage(queues, "ingest", { tenantId, uploadId: upload.id });
  return upload.id;
}

/** Waits for done or failed; a timeout says where the upload stood. */
export async function settle(tenantId: string, id: string, timeoutMs = 150_000) {
  let last = "";
  return waitFor(
    `upload ${id} to finish`,
    async () => {
      const u = await getUpload({ tenantId, id });
      last = `${u.status}/${u.stage ?? "-"}/${u.progress}`;
      return u.status === "done" || u.status === "failed" ? u : null;
    },
    timeoutMs,
    100,
  ).catch((err: Error) => {
    throw new Error(`${err.message} (it is ${last})`);
  });
}

/**
 * What an upload left behind, in a form equal across two runs of the same file in two tenants:
 * - rollups: every (day, ip) row of the upload's content as one JSON tuple, sorted, and their sum;
 * - snapshot: the upload's rank snapshot bytes (no ids or clocks in it: ranks as of a day);
 * - report: the report JSON without `uploadId` and `generatedAt`, the only fields that name the
 *   run rather than the data (the model's id is not in the report; its version is, and each
 *   tenant's first model is version 1).
 */
export async function outcome(tenantId: string, uploadId: string, storage: TStorage = getStorage()) {
  const upload = await getUpload({ tenantId, id: uploadId });
  const rows: string[] = [];
  let events = 0;
  for await (const { rollup } of readRollups({ tenantId, sourceKey: upload.sha256 ?? "" })) {
    const r = rollup;
    rows.push(
      JSON.stringify([
        r.day,
        r.ip,
        r.events,
        r.distinctPorts,
        r.ports,
        r.blockedPorts,
        r.protocols,
        r.actions,
        r.firstSeen,
        r.lastSeen,
      ]),
    );
    events += r.events;
  }
  rows.sort();
  const snapshot = await getBytesOrNull(uploadSnapshotKey(upload.s3Key), storage);
  const row = await getReportForUpload({ tenantId, uploadId });
  const { uploadId: _id, generatedAt: _at, ...report } = ZReport.parse(await getJson(row.s3Key, storage));
  return {
    counts: { lines: upload.lines, events: upload.events, rejected: upload.rejected },
    rollups: { rows, events },
    snapshot: snapshot ? Buffer.from(snapshot).toString("base64") : null,
    report: report satisfies Omit<TReport, "uploadId" | "generatedAt">,
  };
}
export type TOutcome = Awaited<ReturnType<typeof outcome>>;

/** A prefix no other worker on the shared Redis consumes. */
export const testPrefix = (name: string): string => `test-${name}-${randomUUID()}`;

/** The upload's job of a stage (under the id every stage job of an upload has, stageJobId). */
export const stageJob = (queues: TQueues, stage: TPipelineStage, uploadId: string) =>
  queues.get(QUEUE_NAMES[stage]).getJob(stageJobId(stage, uploadId));

/** Short summary lines for a test's log: what was compared, so a reader sees it was not vacuous. */
export function describeOutcome(o: TOutcome): string {
  return (
    `${o.rollups.rows.length} rollup rows summing to ${o.rollups.events} events, ` +
    `snapshot ${o.snapshot?.length ?? 0} base64 chars, report of ${o.report.ips.length} ips ` +
    `(${o.report.summary.flagged} flagged, model ${o.report.model ? "trained" : "none"})`
  );
}
