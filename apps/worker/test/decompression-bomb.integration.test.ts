import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closeDb, countRollups } from "@mlsec/db";
import { seedTenant } from "@mlsec/db/test/factories";
import { getBytesOrNull, ingestSummaryKey } from "@mlsec/storage";
import { inProcessPipeline } from "./in-process-pipeline.ts";

const MiB = 1024 ** 2;
const LINE =
  "Jan  1 00:00:03 fw01 kernel: [UFW BLOCK] IN=eth0 OUT= MAC= SRC=45.33.32.156 DST=198.51.100.7 LEN=40 PROTO=TCP SPT=40000 DPT=3389\n";

/**
 * A real gzip bomb, built without ever holding its output: a few log lines, then the same gzip
 * member of 64 MiB of zeros (~64 KB compressed) `members` times. Concatenated members are one
 * valid gzip file, so 480 members are ~31 MB on the wire that inflate to 30 GiB.
 */
function bomb(members: number): Readable {
  const zeros = gzipSync(Buffer.alloc(64 * MiB), { level: 9 });
  return Readable.from(
    (function* () {
      yield gzipSync(LINE.repeat(5));
      for (let i = 0; i < members; i++) yield zeros;
    })(),
  );
}

const pipeline = inProcessPipeline();

// The worker reads its limits from the environment on every ingest; here they are small enough
// that refusing the bomb takes a second, not the minutes the 20 GiB default would.
beforeAll(() => {
  vi.stubEnv("MAX_DECOMPRESSED_BYTES", String(512 * MiB));
  vi.stubEnv("MAX_DECOMPRESSION_RATIO", "200");
  vi.stubEnv("DECOMPRESSION_RATIO_AFTER_BYTES", String(64 * MiB));
  pipeline.start();
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await pipeline.stop();
  await closeDb();
});

async function expectRefused(tenantId: string, id: string, startedAt: number, reason: RegExp) {
  const { upload } = await pipeline.settle(tenantId, id, 60_000);
  expect(upload.status).toBe("failed");
  expect(upload.error).toMatch(reason);
  // Failed at once (a permanent error, not three attempts) and well before inflating 30 GiB.
  expect(Date.now() - startedAt).toBeLessThan(30_000);
  // Nothing of it was kept: no rollups under its content hash, no summary, no counts.
  expect(await countRollups({ tenantId, sourceKey: upload.sha256 ?? "" })).toBe(0);
  expect(await getBytesOrNull(ingestSummaryKey(upload.s3Key ?? ""))).toBeNull();
  expect(upload.lines).toBe(0);
}

describe("decompression limits on uploads", () => {
  it("fails a gzip bomb on its ratio with the reason the user sees, and the worker goes on", async () => {
    const t = await seedTenant("bomb-ratio");
    const startedAt = Date.now();
    const id = await pipeline.submit(t.tenantId, "fw.log.gz", bomb(480));
    await expectRefused(
      t.tenantId,
      id,
      startedAt,
      /^ingest failed: upload inflates past 67108864 bytes \(ratio \d+\): refused as a decompression bomb$/,
    );

    // The same worker still ingests an ordinary gzip upload under the same limits.
    const ok = await pipeline.submit(t.tenantId, "ok.log.gz", Readable.from([gzipSync(LINE.repeat(200))]));
    const { upload } = await pipeline.settle(t.tenantId, ok);
    expect(upload.error).toBeNull();
    expect(upload.status).toBe("done");
    expect(upload.events).toBe(200);
  });

  it("fails an upload that inflates past the size limit even at an ordinary ratio", async () => {
    vi.stubEnv("MAX_DECOMPRESSION_RATIO", "100000");
    try {
      const t = await seedTenant("bomb-size");
      const startedAt = Date.now();
      const id = await pipeline.submit(t.tenantId, "big.log.gz", bomb(20));
      await expectRefused(
        t.tenantId,
        id,
        startedAt,
        /^ingest failed: upload inflates past 536870912 bytes \(ratio \d+\): refused as a decompression bomb$/,
      );
    } finally {
      vi.stubEnv("MAX_DECOMPRESSION_RATIO", "200");
    }
  });
});
