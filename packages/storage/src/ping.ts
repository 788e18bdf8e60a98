import { HeadBucketCommand } from "@aws-sdk/client-s3";
import { getStorage, type TStorage } from "./client.ts";

/** The health check's probe: the bucket answers a HEAD within the time given. */
export async function pingStorage(storage: TStorage = getStorage(), timeoutMs = 2000): Promise<void> {
  await storage.client.send(new HeadBucketCommand({ Bucket: storage.bucket }), {
    abortSignal: AbortSignal.timeout(timeoutMs),
  });
}
