import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DeleteBucketCommand } from "@aws-sdk/client-s3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { loadDbEnv, loadS3Env } from "@mlsec/config";
import { ZReport } from "@mlsec/core/report";
import { closeDb } from "@mlsec/db";
import { seedTenant } from "@mlsec/db/test/factories";
import { recentSample, runUploadChain } from "@mlsec/pipeline/test/upload-chain";
import { createStorage, deletePrefix, getBytesOrNull } from "@mlsec/storage";
import { runBackupDrill, type TDrillResult } from "../infra/backup-drill.ts";
import { tenantPrefix } from "@mlsec/storage";

const dir = mkdtempSync(join(tmpdir(), "mlsec-drill-"));
let result: TDrillResult | null = null;

afterAll(async () => {
  // The restored database and bucket are the drill's: leave neither behind.
  if (result) {
    const restoreDb = new URL(result.restoreUrl).pathname.slice(1);
    const admin = new pg.Client({
      connectionString: result.restoreUrl.replace(`/${restoreDb}`, "/postgres"),
    });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${restoreDb}" WITH (FORCE)`);
    await admin.end();
    const restored = createStorage({ ...loadS3Env(), S3_BUCKET: result.restoreBucket });
    await deletePrefix("", restored);
    await restored.client.send(new DeleteBucketCommand({ Bucket: result.restoreBucket }));
  }
  rmSync(dir, { recursive: true, force: true });
  await closeDb();
});

describe("backup and restore drill", () => {
  it("restores the database and bucket into fresh ones that yield the same rows and reports", async () => {
    const t = await seedTenant("drill");
    const { uploadId, report } = await runUploadChain(t.tenantId, recentSample(), "ufw.log");
    const started = Date.now();
    result = await runBackupDrill({
      dir,
      tenantIds: [t.tenantId],
      prefix: tenantPrefix(t.tenantId),
      log: (l) => console.log(`[drill] ${l}`),
    });
    const ms = Date.now() - started;
    console.log(
      `[drill] ${ms} ms: ${result.objects} objects, ${Object.keys(result.tables).length} tables, ` +
        `reports ${result.reports.equal}/${result.reports.checked} equal`,
    );

    expect(result.tablesEqual).toBe(true);
    expect(result.ok).toBe(true);
    // The comparison covered this tenant's rows: its upload, report and rollups are in the digests.
    expect(result.tables.Upload?.restored.rows).toBeGreaterThanOrEqual(1);
    expect(result.tables.IpDayRollup?.restored.rows).toBeGreaterThan(0);
    expect(result.tables.Report?.restored).toEqual(result.tables.Report?.source);
    expect(result.reports).toMatchObject({ checked: 1, equal: 1, mismatched: [] });

    // Re-read the report through the restored system only: its row in the restored database
    // names an object in the restored bucket, whose bytes are the source's.
    const restoredDb = new pg.Client({ connectionString: result.restoreUrl });
    await restoredDb.connect();
    const row = await restoredDb.query<{ s3Key: string }>(
      `SELECT "s3Key" FROM "Report" WHERE "tenantId" = $1 AND "uploadId" = $2`,
      [t.tenantId, uploadId],
    );
    await restoredDb.end();
    const key = row.rows[0]?.s3Key ?? "";
    const restoredBytes = await getBytesOrNull(
      key,
      createStorage({ ...loadS3Env(), S3_BUCKET: result.restoreBucket }),
    );
    const sourceBytes = await getBytesOrNull(key);
    expect(restoredBytes).not.toBeNull();
    const sha = (b: Uint8Array | null) =>
      createHash("sha256")
        .update(b ?? new Uint8Array())
        .digest("hex");
    expect(sha(restoredBytes)).toBe(sha(sourceBytes));
    expect(result.reports.hashes[uploadId]).toBe(sha(sourceBytes));
    expect(
      ZReport.parse(JSON.parse(Buffer.from(restoredBytes ?? new Uint8Array()).toString("utf8"))),
    ).toEqual(report);
    // The drill restored next to the source, never over it.
    expect(result.restoreUrl).not.toBe(loadDbEnv().DATABASE_URL);
    expect(ms).toBeLessThan(60_000);
  });
});
