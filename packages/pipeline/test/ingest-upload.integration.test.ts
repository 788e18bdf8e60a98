import { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { ingestStream } from "@mlsec/core/ingest/index";
import type { TIpDayRollup } from "@mlsec/core/rollup/ip-day-rollup";
import { closeDb, createUpload, getUpload, readRollups, setUploadStored } from "@mlsec/db";
import { seedTenant } from "@mlsec/db/test/factories";
import { getJson, putStream, uploadKey } from "@mlsec/storage";
import { ingestUpload } from "../src/ingest-upload.ts";
import { ingestSummaryKey, ZIngestSummary } from "../src/ingest-summary.ts";

afterAll(closeDb);

/** One netfilter line on Dec `day` 2025 (days past 31 roll into January). */
function line(day: number, sec: number, src: string, port: number): string {
  const d = new Date(Date.UTC(2025, 11, day, 0, 0, sec));
  const stamp = `${d.getUTCMonth() === 0 ? "Jan" : "Dec"} ${String(d.getUTCDate()).padStart(2, " ")} ${d.toISOString().slice(11, 19)}`;
  return `${stamp} fw kernel: DROP IN=eth0 OUT= MAC= SRC=${src} DST=198.51.100.7 LEN=40 PROTO=TCP SPT=40000 DPT=${port}\n`;
}

/** Five days of 400 lines in time order, then late lines for the first two (known and new sources). */
function log(): string {
  const out: string[] = [];
  for (let day = 29; day < 34; day++)
    for (let i = 0; i < 400; i++) {
      const src = i % 9 === 0 ? `2001:db8::${(i % 40).toString(16)}` : `203.0.${i % 3}.${i % 61}`;
      out.push(line(day, i * 200, src, 20 + (i % 4)));
    }
  for (let i = 0; i < 30; i++) out.push(line(29 + (i % 2), 80_000 + i, `203.0.0.${i % 61}`, 443));
  for (let i = 0; i < 10; i++) out.push(line(29, 81_000 + i, `198.18.0.${i}`, 22));
  return out.join("");
}

const key = (r: TIpDayRollup): string => `${r.day}|${r.ip}`;

async function stored(tenantId: string) {
  const rows = new Map<string, TIpDayRollup>();
  for await (const { rollup } of readRollups({ tenantId })) rows.set(key(rollup), rollup);
  return rows;
}

describe("ingest stage", () => {
  it("streams rollups with late lines to PostgreSQL exactly, and a re-run leaves the same rows", async () => {
    const t = await seedTenant("ingest-stream");
    const text = log();
    const upload = await createUpload({ tenantId: t.tenantId, filename: "late.log" });
    const object = await putStream({
      key: uploadKey(t.tenantId, upload.id, "late.log"),
      body: Readable.from([Buffer.from(text)]),
    });
    await setUploadStored({ tenantId: t.tenantId, id: upload.id, ...object, s3Key: object.key });
    const createdAt = (await getUpload({ tenantId: t.tenantId, id: upload.id })).createdAt;
    const expected = await ingestStream(Readable.from([Buffer.from(text)]), { referenceDate: createdAt });

    const summary = await ingestUpload({
      tenantId: t.tenantId,
      uploadId: upload.id,
      progress: async () => {},
    });
    const once = await stored(t.tenantId);
    expect(once).toEqual(new Map(expected.rollups.map((r) => [key(r), r])));
    expect(summary.events).toBe(text.split("\n").length - 1);

    const saved = ZIngestSummary.parse(await getJson(ingestSummaryKey(object.key)));
    const perIp: Record<string, number> = {};
    for (const r of expected.rollups) perIp[r.ip] = (perIp[r.ip] ?? 0) + r.events;
    expect(saved.ips).toEqual(perIp);
    expect(saved.sources).toBe(Object.keys(perIp).length);

    // A retry of the same bytes (rows exist now: the staging + overwrite path) adds nothing.
    await ingestUpload({ tenantId: t.tenantId, uploadId: upload.id, progress: async () => {} });
    expect(await stored(t.tenantId)).toEqual(once);
  });
});
