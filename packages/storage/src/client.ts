import { S3Client } from "@aws-sdk/client-s3";
import { loadS3Env, type TS3Env } from "@mlsec/config";

export type TStorage = { client: S3Client; bucket: string };

let cached: TStorage | undefined;

/** The process-wide S3 client for the configured bucket (s3rver locally, MinIO or AWS elsewhere). */
export function getStorage(env: TS3Env = loadS3Env()): TStorage {
  cached ??= createStorage(env);
  return cached;
}

/** A client of its own for another endpoint or bucket (a test's own S3 server); not cached. */
export function createStorage(env: TS3Env): TStorage {
  return {
    bucket: env.S3_BUCKET,
    client: new S3Client({
      endpoint: env.S3_ENDPOINT,
      region: env.S3_REGION,
      forcePathStyle: env.S3_FORCE_PATH_STYLE,
      credentials: { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY },
    }),
  };
}
