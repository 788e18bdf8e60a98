import type { TAsnTable } from "@mlsec/core/asn";
import { decodeSnapshot, deserializeSnapshot, encodeSnapshot, type TRankSnapshot } from "@mlsec/core/rank";
import {
  getBytesOrNull,
  getJson,
  legacyUploadSnapshotKey,
  putBytes,
  uploadSnapshotKey,
} from "@mlsec/storage";

export async function saveUploadSnapshot(s3Key: string, snapshot: TRankSnapshot): Promise<void> {
  await putBytes(uploadSnapshotKey(s3Key), encodeSnapshot(snapshot));
}

/** The upload's snapshot; uploads ranked before the binary format still have a JSON one. */
export async function loadUploadSnapshot(s3Key: string, asn: TAsnTable | null): Promise<TRankSnapshot> {
  const bytes = await getBytesOrNull(uploadSnapshotKey(s3Key));
  if (bytes) return decodeSnapshot(bytes, { asn }).snapshot;
  return deserializeSnapshot(await getJson(legacyUploadSnapshotKey(s3Key)), { asn });
}
