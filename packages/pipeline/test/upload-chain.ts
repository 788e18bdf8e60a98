import { createReadStream, readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { gunzipSync } from "node:zlib";
import { ZReport, type TReport } from "@mlsec/core/report";
import { createUpload, getReportForUpload, markUploadDone, setUploadStored } from "@mlsec/db";
import { getJson, putStream, uploadKey } from "@mlsec/storage";
import { ingestUpload } from "../src/ingest-upload.ts";
import { rankUpload } from "../src/rank-upload.ts";
import { reportUpload } from "../src/report-upload.ts";
import { trainTenant } from "../src/train-tenant.ts";

/**
 * One upload through ingest, rank, train and report in this process, as the worker's stages call
 * them (no queue): the real PostgreSQL and S3 rows a tenant has after an upload, for tests of what
 * reads them. The upload ends "done", as the worker leaves it.
 */
export async function runUploadChain(
  tenantId: string,
  body: Readable = createReadStream("samples/ufw.log.gz"),
  filename = "ufw.log.gz",
): Promise<{ uploadId: string; reportId: string; report: TReport }> {
  const upload = await createUpload({ tenantId, filename });
  const stored = await putStream({ key: uploadKey(tenantId, upload.id, filename), body });
  await setUploadStored({ tenantId, id: upload.id, ...stored, s3Key: stored.key });
  const ids = { tenantId, uploadId: upload.id };
  await ingestUpload({ ...ids, progress: async () => {} });
  await rankUpload(ids);
  await trainTenant(ids);
  await reportUpload(ids);
  await markUploadDone({ tenantId, id: upload.id });
  const row = await getReportForUpload(ids);
  return { uploadId: upload.id, reportId: row.id, report: ZReport.parse(await getJson(row.s3Key)) };
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * samples/ufw.log.gz (2026-10-01..21, BSD syslog stamps without a year) with every day moved so
 * its last day is yesterday (UTC): what a tenant uploading this week has, whose listings are still
 * valid (they expire a few half-lives after their as-of day).
 */
export function recentSample(now = new Date()): Readable {
  const text = gunzipSync(readFileSync("samples/ufw.log.gz")).toString("utf8");
  const shift =
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - 1) - Date.UTC(2026, 9, 21);
  const moved = text.replace(/^([A-Z][a-z]{2}) ([ \d]\d) /gm, (line, month: string, day: string) => {
    const m = MONTHS.indexOf(month);
    if (m < 0) return line;
    const date = new Date(Date.UTC(2026, m, Number(day)) + shift);
    return `${MONTHS[date.getUTCMonth()] ?? month} ${String(date.getUTCDate()).padStart(2, " ")} `;
  });
  return Readable.from([Buffer.from(moved)]);
}
