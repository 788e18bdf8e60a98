import { Readable } from "node:stream";
import { beforeAll, afterAll, describe, expect, it } from "vitest";
import {
  closeDb,
  createUpload,
  getUpload,
  listAudit,
  listVerdicts,
  NotFoundError,
  setUploadStored,
} from "@mlsec/db";
import { seedTenant } from "@mlsec/db/test/factories";
import { putStream, uploadKey } from "@mlsec/storage";
import { EventNotSampledError } from "../src/event-verdicts.ts";
import { ingestUpload } from "../src/ingest-upload.ts";
import { readEventSample } from "../src/event-sample-upload.ts";
import { recordFeedback, type TFeedbackItem } from "../src/record-feedback.ts";
import { nextTrainingRows } from "./training-rows.ts";

afterAll(closeDb);

/** Our own scanner: 8 blocked attempts on 443 (a watched port) on each of two days. */
const X = "203.0.113.9";

/** One netfilter line on Dec `day` 2025, dropped. */
function line(day: number, sec: number, src: string, port: number): string {
  const d = new Date(Date.UTC(2025, 11, day, 9, 0, sec));
  const stamp = `Dec ${String(d.getUTCDate()).padStart(2, " ")} ${d.toISOString().slice(11, 19)}`;
  return `${stamp} fw kernel: DROP IN=eth0 OUT= MAC= SRC=${src} DST=198.51.100.7 LEN=40 PROTO=TCP SPT=40000 DPT=${port}\n`;
}

/** Dec 3 and 4: X's 8 lines first (lines 1-8 and 99-106), then 30 attackers on port 22, 3 lines each. */
function log(): string {
  const out: string[] = [];
  for (const day of [3, 4]) {
    for (let i = 0; i < 8; i++) out.push(line(day, i, X, 443));
    for (let i = 0; i < 90; i++) out.push(line(day, 10 + (i % 40), `198.51.100.${i % 30}`, 22));
  }
  return out.join("");
}

async function ingestedUpload(tenantId: string) {
  const upload = await createUpload({ tenantId, filename: "fw.log" });
  const object = await putStream({
    key: uploadKey(tenantId, upload.id, "fw.log"),
    body: Readable.from([Buffer.from(log())]),
  });
  await setUploadStored({ tenantId, id: upload.id, ...object, s3Key: object.key });
  await ingestUpload({ tenantId, uploadId: upload.id, progress: async () => {} });
  return getUpload({ tenantId, id: upload.id });
}

describe("verdicts on one sampled event (#17; PostgreSQL, S3)", () => {
  let t: Awaited<ReturnType<typeof seedTenant>>;
  let upload: Awaited<ReturnType<typeof getUpload>>;
  let days: string[] = [];
  const give = (items: TFeedbackItem[], tenantId = t.tenantId) =>
    recordFeedback({ tenantId, actor: { userId: t.userId }, items, queueRetrain: () => Promise.resolve() });

  beforeAll(async () => {
    t = await seedTenant("event-verdicts");
    upload = await ingestedUpload(t.tenantId);
    const sampled = await readEventSample(upload.s3Key ?? "", X);
    days = sampled.map((d) => d.day);
    expect(sampled.map((d) => d.events.map((e) => e.line))).toEqual([
      [1, 2, 3, 4, 5],
      [99, 100, 101, 102, 103],
    ]);
  });

  it("stores a verdict on the event's address and day, with its rule, the event and an audit line", async () => {
    const [, second] = days;
    const { verdicts } = await give([
      { uploadId: upload.id, line: 101, ip: X, verdict: "benign", note: "our scanner" },
    ]);
    const event = {
      uploadId: upload.id,
      line: 101,
      filename: "fw.log",
      dst: "198.51.100.7",
      dstPort: 443,
      proto: "tcp",
      action: "block",
    };
    expect(verdicts[0]).toMatchObject({
      ip: X,
      day: second,
      cluster: "watched-ports",
      note: "our scanner",
      event,
    });
    expect(verdicts[0]?.event?.time).toBe(`${second}T09:00:02.000Z`);
    const [stored] = await listVerdicts({ tenantId: t.tenantId, ip: X });
    expect(stored).toMatchObject({ id: verdicts[0]?.id, day: second, cluster: "watched-ports", event });
    const [audit] = await listAudit({ tenantId: t.tenantId, action: "verdict" });
    expect(audit?.target).toBe(X);
    expect(audit?.detail).toMatchObject({
      verdictId: verdicts[0]?.id,
      day: second,
      cluster: "watched-ports",
      event: { ...event, text: `line 101 of upload fw.log: 443/tcp blocked at ${second} 09:00:02 UTC` },
    });
  });

  it("finds the line without the address too, reading the upload's shards", async () => {
    const { verdicts } = await give([{ uploadId: upload.id, line: 3, verdict: "malicious" }]);
    expect(verdicts[0]).toMatchObject({ ip: X, day: days[0], cluster: "watched-ports", event: { line: 3 } });
  });

  it("refuses a line the sample lacks, another address's line and another tenant's upload, storing nothing", async () => {
    const before = (await listVerdicts({ tenantId: t.tenantId })).length;
    // Line 6 is X's sixth event of the first day: counted, not kept.
    await expect(give([{ uploadId: upload.id, line: 6, verdict: "benign" }])).rejects.toThrow(
      EventNotSampledError,
    );
    await expect(give([{ uploadId: upload.id, line: 6, verdict: "benign" }])).rejects.toThrow(
      `line 6 is not in the event sample of upload ${upload.id}`,
    );
    await expect(
      give([{ uploadId: upload.id, line: 101, ip: "198.51.100.1", verdict: "benign" }]),
    ).rejects.toThrow(`for 198.51.100.1`);
    // One bad item fails the request before anything is written.
    await expect(
      give([
        { ip: X, verdict: "benign" },
        { uploadId: upload.id, line: 1_000_000, verdict: "benign" },
      ]),
    ).rejects.toThrow(EventNotSampledError);
    const other = await seedTenant("event-verdicts-other");
    await expect(
      give([{ uploadId: upload.id, line: 101, verdict: "benign" }], other.tenantId),
    ).rejects.toThrow(NotFoundError);
    expect(await listVerdicts({ tenantId: t.tenantId })).toHaveLength(before);
    expect(await listVerdicts({ tenantId: other.tenantId })).toEqual([]);
  });

  it("relabels that address-day only in the next training set", async () => {
    const [first, second] = days;
    const isOnSecond = (v: { ip: string; day?: string }) => v.ip === X && v.day === second;
    const without = await nextTrainingRows({
      tenantId: t.tenantId,
      uploadId: upload.id,
      keep: (v) => !isOnSecond(v),
    });
    const withIt = await nextTrainingRows({ tenantId: t.tenantId, uploadId: upload.id });
    const key = (r: { day: string; ip: string }) => `${r.day} ${r.ip}`;
    const before = new Map(without.rows.map((r) => [key(r), r]));
    const after = new Map(withIt.rows.map((r) => [key(r), r]));
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    // The first day carries the malicious event verdict of the test before; the second was malicious by its rule.
    expect(before.get(`${first} ${X}`)).toMatchObject({ y: 1, source: "analyst" });
    expect(before.get(`${second} ${X}`)).toMatchObject({ y: 1, source: "cluster" });
    const changed = [...after].filter(([k, r]) => JSON.stringify(r) !== JSON.stringify(before.get(k)));
    expect(changed.map(([k]) => k)).toEqual([`${second} ${X}`]);
    expect(after.get(`${second} ${X}`)).toEqual({ ...before.get(`${second} ${X}`), y: 0, source: "analyst" });
  });
});
