import type { TAsnTable } from "@mlsec/core/asn";
import { decodeSnapshot, deserializeSnapshot, encodeSnapshot, type TRankSnapshot } from "@mlsec/core/rank";
import { getBytesOrNull, getJson, putBytes } from "@mlsec/storage";

/** The upload's own rank snapshot, beside its raw file (binary: see core's snapshot-binary.ts). */
export const snapshotKeyOf = (s3Key: string): string => `${s3Key}.snapshot.bin`;
/** Where uploads ranked before the binary format kept theirs. */
const jsonSnapshotKeyOf = (s3Key: string): string => `${s3Key}.snapshot.json`;

export async function saveUploadSnapshot(s3Key: string, snapshot: TRankSnapshot): Promise<void> {
  await putBytes(snapshotKeyOf(s3Key), encodeSnapshot(snapshot));
}

/** The upload's snapshot; uploads ranked before the binary format still have a JSON one. */
export async function loadUploadSnapshot(s3Key: string, asn: TAsnTable | null): Promise<TRankSnapshot> {
  const bytes = await getBytesOrNull(snapshotKeyOf(s3Key));
  if (bytes) return decodeSnapshot(bytes, { asn }).snapshot;
  return deserializeSnapshot(await getJson(jsonSnapshotKeyOf(s3Key)), { asn });
}
