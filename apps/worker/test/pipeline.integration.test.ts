import { randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import type { Worker } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZReport } from "@mlsec/core/report/report-schema";
import {
  closeDb,
  createUpload,
  getDb,
  getReportForUpload,
  getUpload,
  setClusterRules,
  setUploadStored,
} from "@mlsec/db";
import { seedTenant } from "@mlsec/db/test/factories";
import { createConnection, enqueueStage, openQueues } from "@mlsec/jobs";
import { getJson, putStream, uploadKey } from "@mlsec/storage";
import { STAGE_HANDLERS } from "../src/stages/index.ts";
import { startWorkers } from "../src/workers.ts";

// Real Redis, PostgreSQL and S3; a queue prefix of this run's own so no other worker takes the jobs.
const queues = openQueues(createConnection(), `test-${randomUUID()}`);
let workers: Worker[] = [];

beforeAll(() => {
  workers = startWorkers(STAGE_HANDLERS, queues, { concurrency: 1 });
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.close()));
  await queues.close();
  await closeDb();
});

async function submit(tenantId: string, filename: string, body: Readable) {
  const upload = await createUpload({ tenantId, filename });
  const stored = await putStream({ key: uploadKey(tenantId, upload.id, filename), body });
  await setUploadStored({
    tenantId,
    id: upload.id,
    s3Key: stored.key,
    sizeBytes: stored.sizeBytes,
    sha256: stored.sha256,
  });
  await enqueueStage(queues, "ingest", { tenantId, uploadId: upload.id });
  return upload.id;
}

async function settle(tenantId: string, id: string, timeoutMs = 150_000) {
  const until = Date.now() + timeoutMs;
  const seen = new Set<number>();
  for (;;) {
    const u = await getUpload({ tenantId, id });
    seen.add(u.progress);
    if (u.status === "done" || u.status === "failed") return { upload: u, progressSeen: [...seen] };
    if (Date.now() > until) throw new Error(`upload still ${u.status} at ${u.stage} ${u.progress}%`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe("upload pipeline on BullMQ", () => {
  it("takes the sample firewall log through ingest, rank, train and report", async () => {
    const t = await seedTenant("pipe");
    const id = await submit(t.tenantId, "ufw.log.gz", createReadStream("samples/ufw.log.gz"));
    const { upload } = await settle(t.tenantId, id);
    expect(upload.error).toBeNull();
    expect(upload.status).toBe("done");
    expect(upload.progress).toBe(100);
    expect(upload.lines).toBe(19226);
    expect(upload.events).toBeGreaterThan(19000);
    const row = await getReportForUpload({ tenantId: t.tenantId, uploadId: id });
    const report = ZReport.parse(await getJson(row.s3Key));
    expect(report.summary.sources).toBe(report.ips.length);
    expect(report.ips.length).toBeGreaterThan(500);
    // An address the generator made an attacker (blocked on a watched port) and a benign Google host.
    const flagged = report.ips.filter((i) => i.verdict === "malicious").length;
    expect(flagged).toBeGreaterThan(0);
    expect(flagged).toBeLessThan(report.ips.length);
    expect(report.model).not.toBeNull();
    const rollups = await getDb().ipDayRollup.count({ where: { tenantId: t.tenantId } });
    expect(rollups).toBeGreaterThan(0);
  });

  it("ingesting the same bytes again leaves the rollups as one ingest left them", async () => {
    const t = await seedTenant("dedupe");
    const body = () => Readable.from([gzipSync(FIXTURE)]);
    const first = await submit(t.tenantId, "a.log.gz", body());
    await settle(t.tenantId, first);
    const snapshot = await rollupsOf(t.tenantId);
    const second = await submit(t.tenantId, "a-again.log.gz", body());
    await settle(t.tenantId, second);
    expect(await rollupsOf(t.tenantId)).toEqual(snapshot);
    expect(snapshot.length).toBe(3);
  });

  it("ranks and trains with the tenant's own behaviour rules", async () => {
    const t = await seedTenant("rules");
    await setClusterRules({
      tenantId: t.tenantId,
      rules: [
        { name: "rdp", kind: "watched-ports", ports: [3389] },
        { name: "ssh", kind: "watched-ports", ports: [22] },
      ],
    });
    const id = await submit(t.tenantId, "ufw.log.gz", createReadStream("samples/ufw.log.gz"));
    const { upload } = await settle(t.tenantId, id);
    expect(upload.error).toBeNull();
    const row = await getReportForUpload({ tenantId: t.tenantId, uploadId: id });
    const report = ZReport.parse(await getJson(row.s3Key));
    const names = Object.keys(report.ips[0]?.features ?? {});
    expect(names).toEqual(expect.arrayContaining(["ip:rdp", "net1:rdp", "ip:ssh", "as:ssh"]));
    expect(names.some((n) => n.endsWith(":port-scan"))).toBe(false);
  });

  it("fails an unreadable upload with a reason a person can act on", async () => {
    const t = await seedTenant("bad");
    const id = await submit(
      t.tenantId,
      "garbage.bin",
      Readable.from([Buffer.from("this is not a log\nnor is this\n")]),
    );
    const { upload } = await settle(t.tenantId, id);
    expect(upload.status).toBe("failed");
    expect(upload.error).toMatch(/ingest failed: no line could be read/);
    expect(upload.rejected).toBe(2);
  });
});

const FIXTURE = [
  "Oct  3 10:00:00 fw kernel: [UFW BLOCK] IN=eth0 OUT= SRC=45.148.10.1 DST=198.51.100.10 LEN=40 PROTO=TCP SPT=5000 DPT=22 WINDOW=1024 SYN URGP=0",
  "Oct  3 10:00:01 fw kernel: [UFW BLOCK] IN=eth0 OUT= SRC=45.148.10.1 DST=198.51.100.10 LEN=40 PROTO=TCP SPT=5001 DPT=23 WINDOW=1024 SYN URGP=0",
  "Oct  3 11:00:00 fw kernel: [UFW BLOCK] IN=eth0 OUT= SRC=80.82.77.33 DST=198.51.100.10 LEN=40 PROTO=TCP SPT=5000 DPT=3389 WINDOW=1024 SYN URGP=0",
  "Oct  4 09:00:00 fw kernel: [UFW ALLOW] IN=eth0 OUT= SRC=8.8.8.8 DST=198.51.100.10 LEN=40 PROTO=UDP SPT=53 DPT=40000",
  "",
].join("\n");

async function rollupsOf(tenantId: string) {
  const rows = await getDb().ipDayRollup.findMany({
    where: { tenantId },
    orderBy: [{ day: "asc" }, { ip: "asc" }],
  });
  return rows.map(({ sourceKey: _s, ...r }) => r);
}
