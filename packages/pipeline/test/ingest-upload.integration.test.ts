import { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { ingestStream } from "@mlsec/core/ingest";
import type { TIpDayRollup } from "@mlsec/core/rollup";
import { closeDb, createUpload, getUpload, openRollupWriter, readRollups, setUploadStored } from "@mlsec/db";
import { seedTenant } from "@mlsec/db/test/factories";
import { getJson, ingestSummaryKey, putStream, uploadKey } from "@mlsec/storage";
import { ingestUpload } from "../src/ingest-upload.ts";
import { ZIngestSummary } from "../src/ingest-summary.ts";
import { seededRandom as seeded } from "@mlsec/core/train";

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

/**
 * As reported: a log whose every day comes back after it was closed (the same log twice, as
 * rotated files uploaded out of order), with late lines of earlier days scattered through it.
 * Days hold more rows than a late batch (4,096), so a reopened day is handed over again in
 * several continued batches, whose writes overlap.
 */
function outOfOrderLog(): string {
  const random = seeded(20261206);
  const pass: string[] = [];
  for (let day = 1; day <= 4; day++)
    for (let i = 0; i < 12_000; i++) {
      const n = Math.floor(random() * 16_384);
      const src = `203.${n >> 14}.${(n >> 8) & 63}.${n & 255}`;
      pass.push(line(day, Math.floor((i * 86_000) / 12_000), src, [22, 23, 80, 3389][i % 4] ?? 22));
      if (random() < 0.01) {
        const late = 1 + Math.floor(random() * day);
        pass.push(
          line(late, 86_100 + Math.floor(random() * 200), `203.0.0.${Math.floor(random() * 40)}`, 443),
        );
      }
    }
  return [...pass, ...pass].join("");
}

async function storeUpload(tenantId: string, name: string, text: string) {
  const upload = await createUpload({ tenantId, filename: name });
  const object = await putStream({
    key: uploadKey(tenantId, upload.id, name),
    body: Readable.from([Buffer.from(text)]),
  });
  await setUploadStored({ tenantId, id: upload.id, ...object, s3Key: object.key });
  return getUpload({ tenantId, id: upload.id });
}

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

  it("keeps every event of a log whose days come back after they were closed, and after a crash's partial rows", async () => {
    const t = await seedTenant("ingest-reorder");
    const text = outOfOrderLog();
    const upload = await storeUpload(t.tenantId, "twice.log", text);
    const expected = await ingestStream(Readable.from([Buffer.from(text)]), {
      referenceDate: upload.createdAt,
    });
    const lines = text.split("\n").length - 1;
    expect(expected.events).toBe(lines);

    // What a worker killed mid-ingest leaves: the first part of the log's rows under the upload's key.
    const half = text.slice(0, text.indexOf("\n", text.length >> 1) + 1);
    const crashed = await openRollupWriter({ tenantId: t.tenantId, sourceKey: upload.sha256 ?? "" });
    try {
      await ingestStream(Readable.from([Buffer.from(half)]), {
        referenceDate: upload.createdAt,
        rollupSink: {
          concurrency: 2,
          lagDays: 1,
          write: async (b) => {
            await (b.continued ? crashed.add(b.rollups()) : crashed.write(b.encoded()));
          },
        },
      });
    } finally {
      await crashed.close();
    }

    for (const run of ["retry after the crash", "a second retry"]) {
      const summary = await ingestUpload({
        tenantId: t.tenantId,
        uploadId: upload.id,
        progress: async () => {},
      });
      const rows = await stored(t.tenantId);
      const total = [...rows.values()].reduce((n, r) => n + r.events, 0);
      // The upload's counts, the rollups' sum and the in-memory ingest agree exactly.
      expect({ run, total, events: summary.events }).toEqual({ run, total: lines, events: lines });
      expect(rows).toEqual(new Map(expected.rollups.map((r) => [key(r), r])));
    }

    // Undisturbed, in a tenant of its own: the same rows.
    const fresh = await seedTenant("ingest-reorder-fresh");
    const again = await storeUpload(fresh.tenantId, "twice.log", text);
    await ingestUpload({ tenantId: fresh.tenantId, uploadId: again.id, progress: async () => {} });
    expect(await stored(fresh.tenantId)).toEqual(await stored(t.tenantId));
  });

  it("pauses between chunks when asked to yield, and writes exactly what an ingest without pauses does", async () => {
    // A quarter of the out-of-order log (about 3 MB): still dozens of chunks.
    const all = outOfOrderLog().split("\n");
    const text = `${all.slice(0, Math.floor(all.length / 4)).join("\n")}\n`;
    const plain = await seedTenant("ingest-no-yield");
    const first = await storeUpload(plain.tenantId, "big.log", text);
    await ingestUpload({ tenantId: plain.tenantId, uploadId: first.id, progress: async () => {} });

    const yielding = await seedTenant("ingest-yield");
    const second = await storeUpload(yielding.tenantId, "big.log", text);
    let pauses = 0;
    const summary = await ingestUpload({
      tenantId: yielding.tenantId,
      uploadId: second.id,
      progress: async () => {},
      // everyMs 0: a pause before every chunk after the first, each a real wait.
      yieldToOthers: {
        everyMs: 0,
        pause: async () => {
          pauses++;
          await new Promise((r) => setTimeout(r, 2));
        },
      },
    });
    expect(summary.lines).toBe(text.split("\n").length - 1);
    expect(pauses).toBeGreaterThan(10);
    expect(await stored(yielding.tenantId)).toEqual(await stored(plain.tenantId));
  });
});
