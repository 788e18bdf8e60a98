import { S3Client } from "@aws-sdk/client-s3";
import { ConfiguredRetryStrategy } from "@smithy/core/retry";
import { loadS3Env, type TS3Env } from "@mlsec/config";

/**
 * `client` for reads and small writes, with the SDK's default retries (3 attempts within about a
 * second), so a health probe answers promptly and a failed ingest read fails its job, which BullMQ
 * retries with its own backoff. `writes` for streamed uploads (putStream): lib-storage buffers each
 * part and the client replays it, so a patient retry lets an upload ride out an S3 outage of about
 * 15 s (#20: "the S3 server stopped for 10 s during an upload").
 */
export type TStorage = { client: S3Client; writes: S3Client; bucket: string };

/** 8 attempts, 0.5 s doubling to 4 s between them: 19.5 s of waits in all. */
const WRITE_ATTEMPTS = 8;
const writeBackoffMs = (attempt: number): number => Math.min(4000, 250 * 2 ** attempt);

let cached: TStorage | undefined;

/** The process-wide S3 clients for the configured bucket (s3rver locally, MinIO or AWS elsewhere). */
export function getStorage(env: TS3Env = loadS3Env()): TStorage {
  cached ??= createStorage(env);
  return cached;
}

/** Clients of their own for another endpoint or bucket (a test's own S3 server); not cached. */
export function createStorage(env: TS3Env): TStorage {
  const config = {
    endpoint: env.S3_ENDPOINT,
    region: env.S3_REGION,
    forcePathStyle: env.S3_FORCE_PATH_STYLE,
    credentials: { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY },
  };
  return {
    bucket: env.S3_BUCKET,
    client: new S3Client(config),
    writes: new S3Client({
      ...config,
      retryStrategy: new ConfiguredRetryStrategy(WRITE_ATTEMPTS, writeBackoffMs),
    }),
  };
}
