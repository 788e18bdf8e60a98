import { DeleteObjectsCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import { getStorage, type TStorage } from "./client.ts";

/** Every key under a prefix, a page of 1,000 at a time. */
export async function* listKeys(prefix: string, storage: TStorage = getStorage()): AsyncGenerator<string[]> {
  let token: string | undefined;
  do {
    const page = await storage.client.send(
      new ListObjectsV2Command({ Bucket: storage.bucket, Prefix: prefix, ContinuationToken: token }),
    );
    const keys = (page.Contents ?? []).flatMap((o) => (o.Key ? [o.Key] : []));
    if (keys.length > 0) yield keys;
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
}

/**
 * Deletes every object under a prefix (a tenant's, when it is erased), in batches of S3's limit
 * of 1,000 keys a request; returns how many were deleted. A key that failed is an error, not a skip.
 */
export async function deletePrefix(prefix: string, storage: TStorage = getStorage()): Promise<number> {
  let deleted = 0;
  // Collect first: deleting while listing would shift the pages under the continuation token.
  const keys: string[] = [];
  for await (const page of listKeys(prefix, storage)) keys.push(...page);
  for (let i = 0; i < keys.length; i += 1000) {
    const batch = keys.slice(i, i + 1000);
    const res = await storage.client.send(
      new DeleteObjectsCommand({
        Bucket: storage.bucket,
        Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true },
      }),
    );
    if (res.Errors && res.Errors.length > 0)
      throw new Error(
        `could not delete ${res.Errors.length} objects under ${prefix}: ${res.Errors[0]?.Message ?? ""}`,
      );
    deleted += batch.length;
  }
  return deleted;
}
