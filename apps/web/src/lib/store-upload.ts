import { createUpload, markUploadFailed, setUploadStored } from "@mlsec/db";
import { enqueueStage } from "@mlsec/jobs";
import { putStream, uploadKey } from "@mlsec/storage";
import type { TMeter } from "./meter-body.ts";
import { getQueues } from "./queues.ts";

export type TStoreResult =
  | { ok: true; id: string; status: "queued" }
  | { ok: false; id: string; httpStatus: 413 | 500; error: string };

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * Reserves the upload row, streams the body to S3 under a server-made key, records where it went
 * and queues ingestion. Any failure marks the row failed with a readable error, so it never sits
 * in "queued" forever.
 */
export async function storeUpload(opts: {
  tenantId: string;
  filename: string;
  body: ReadableStream<Uint8Array>;
  meter: TMeter;
}): Promise<TStoreResult> {
  const { tenantId, filename } = opts;
  const row = await createUpload({ tenantId, filename });
  try {
    const stored = await putStream({ key: uploadKey(tenantId, row.id, filename), body: opts.body });
    await setUploadStored({
      tenantId,
      id: row.id,
      s3Key: stored.key,
      sizeBytes: stored.sizeBytes,
      sha256: stored.sha256,
    });
  } catch (err) {
    const error = opts.meter.tooLarge
      ? "upload larger than the configured limit"
      : `storing the upload failed: ${messageOf(err)}`;
    await markUploadFailed({ tenantId, id: row.id, error });
    if (!opts.meter.tooLarge) console.error(`[upload ${row.id}] storage failed:`, err);
    return { ok: false, id: row.id, httpStatus: opts.meter.tooLarge ? 413 : 500, error };
  }
  try {
    await enqueueStage(getQueues(), "ingest", { tenantId, uploadId: row.id });
  } catch (err) {
    const error = `queueing the upload for processing failed: ${messageOf(err)}`;
    await markUploadFailed({ tenantId, id: row.id, error });
    console.error(`[upload ${row.id}] enqueue failed:`, err);
    return { ok: false, id: row.id, httpStatus: 500, error };
  }
  return { ok: true, id: row.id, status: "queued" };
}
