import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb, setClusterRules } from "@mlsec/db";
import { seedTenant } from "@mlsec/db/test/factories";
import { inProcessPipeline } from "./in-process-pipeline.ts";

const pipeline = inProcessPipeline();
const { submit, settle } = pipeline;

beforeAll(() => pipeline.start());
afterAll(async () => {
  await pipeline.stop();
  await closeDb();
});

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
    const report = await pipeline.reportOf(t.tenantId, id);
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
    const report = await pipeline.reportOf(t.tenantId, id);
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
