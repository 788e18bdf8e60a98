import { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { SAMPLE_PER_ADDRESS_DAY, SAMPLE_SHARDS } from "@mlsec/core/ingest";
import { closeDb, createUpload, getUpload, setUploadStored } from "@mlsec/db";
import { seedTenant } from "@mlsec/db/test/factories";
import { eventSampleKey, getBytesOrNull, listKeys, putStream, uploadKey } from "@mlsec/storage";
import { ingestUpload } from "../src/ingest-upload.ts";
import { readEventSample } from "../src/event-sample-upload.ts";

afterAll(closeDb);

/** One netfilter line on Dec `day` 2025. */
function line(day: number, sec: number, src: string, port: number): string {
  const d = new Date(Date.UTC(2025, 11, day, 0, 0, sec));
  const stamp = `Dec ${String(d.getUTCDate()).padStart(2, " ")} ${d.toISOString().slice(11, 19)}`;
  return `${stamp} fw kernel: DROP IN=eth0 OUT= MAC= SRC=${src} DST=198.51.100.7 LEN=40 PROTO=TCP SPT=40000 DPT=${port}\n`;
}

/** One address sending 10,000 lines on Dec 3, with 50 other addresses sending 3 lines each. */
function log(): string {
  const out: string[] = [];
  for (let i = 0; i < 10_000; i++) out.push(line(3, Math.floor(i / 200), "203.0.113.9", 443));
  for (let i = 0; i < 150; i++) out.push(line(3, 60 + i, `198.51.100.${i % 50}`, 22));
  return out.join("");
}

async function storeUpload(tenantId: string, text: string) {
  const upload = await createUpload({ tenantId, filename: "fw.log" });
  const object = await putStream({
    key: uploadKey(tenantId, upload.id, "fw.log"),
    body: Readable.from([Buffer.from(text)]),
  });
  await setUploadStored({ tenantId, id: upload.id, ...object, s3Key: object.key });
  return getUpload({ tenantId, id: upload.id });
}

async function sampleObjects(upload: { s3Key: string | null }): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for await (const keys of listKeys(`${upload.s3Key ?? ""}.events/`))
    for (const k of keys) out.set(k, Buffer.from((await getBytesOrNull(k)) ?? []).toString("utf8"));
  return out;
}

describe("the event sample kept with an upload (#17)", () => {
  it("is bounded per address-day, and a retried ingest writes the same objects once", async () => {
    const t = await seedTenant("event-sample");
    const tenant = { id: t.tenantId };
    const upload = await storeUpload(tenant.id, log());
    const progress = async () => {};
    await ingestUpload({ tenantId: tenant.id, uploadId: upload.id, progress });
    const first = await sampleObjects(upload);

    const heavy = await readEventSample(upload.s3Key ?? "", "203.0.113.9");
    expect(heavy).toHaveLength(1);
    expect(heavy[0]?.day).toMatch(/^\d{4}-12-03$/);
    expect(heavy[0]?.events.map((e) => e.line)).toEqual([1, 2, 3, 4, 5]);
    expect(heavy[0]?.events[0]).toMatchObject({
      dst: "198.51.100.7",
      dstPort: 443,
      proto: "tcp",
      action: "block",
    });
    expect(heavy[0]?.more).toBe(10_000 - SAMPLE_PER_ADDRESS_DAY);
    const light = await readEventSample(upload.s3Key ?? "", "198.51.100.7", heavy[0]?.day);
    expect(light[0]?.events.map((e) => e.line)).toEqual([10_008, 10_058, 10_108]);
    expect(light[0]?.more).toBe(0);
    const total = [...first.values()].reduce((n, body) => n + body.length, 0);
    // 51 address-days of at most 5 events: a few tens of KB, not the 10k lines.
    expect(total).toBeLessThan(60_000);
    expect(first.size).toBeLessThanOrEqual(SAMPLE_SHARDS);

    await ingestUpload({ tenantId: tenant.id, uploadId: upload.id, progress });
    const again = await sampleObjects(upload);
    expect([...again.keys()].sort()).toEqual([...first.keys()].sort());
    for (const [k, body] of first) expect(again.get(k)).toBe(body);
    const shardKeys = new Set(
      Array.from({ length: SAMPLE_SHARDS }, (_, n) => eventSampleKey(upload.s3Key ?? "", n)),
    );
    for (const k of first.keys()) expect(shardKeys.has(k)).toBe(true);
  });

  it("once full, counts the rest of the log from the rollups, as if every event had been seen (#21)", async () => {
    const t = await seedTenant("event-sample-full");
    const upload = await storeUpload(t.tenantId, log());
    // 5 events of the heavy address, then the first line of 15 light ones fill it: the next
    // 135 lines reach no event sampler (the kernel parses them), so their counts come from the rollups.
    await ingestUpload({
      tenantId: t.tenantId,
      uploadId: upload.id,
      progress: async () => {},
      sample: { perAddressDay: 5, maxEvents: 20 },
    });
    const key = upload.s3Key ?? "";
    const heavy = await readEventSample(key, "203.0.113.9");
    expect(heavy.map((d) => [d.events.map((e) => e.line), d.more])).toEqual([[[1, 2, 3, 4, 5], 10_000 - 5]]);
    for (let i = 0; i < 15; i++) {
      const light = await readEventSample(key, `198.51.100.${i}`);
      expect(light.map((d) => [d.events.map((e) => e.line), d.more])).toEqual([[[10_001 + i], 2]]);
    }
    // Address-days first met after the cap get no entry, as before.
    expect(await readEventSample(key, "198.51.100.15")).toEqual([]);
  });
});
