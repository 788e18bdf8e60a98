// Vitest global setup for tests that talk to real services: PostgreSQL and Redis are the
// machine's own; the S3 server is started here when nothing answers on its port yet.
import { loadS3Env } from "@mlsec/config";
import { ensureBucket } from "@mlsec/storage";
import { isS3Up, startS3Server } from "../infra/s3-server.ts";

export default async function setup(): Promise<() => Promise<void>> {
  const env = loadS3Env();
  const server = (await isS3Up(env.S3_ENDPOINT)) ? null : await startS3Server();
  await ensureBucket();
  return async () => {
    await server?.close();
  };
}
