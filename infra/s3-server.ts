// The local S3 server (s3rver, from npm) for laptops and CI, where no Docker engine runs.
// Production and docker-compose users point S3_ENDPOINT at MinIO or AWS instead.
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import S3rver from "s3rver";
import { loadS3Env, type TS3Env } from "@mlsec/config";

const root = fileURLToPath(new URL("..", import.meta.url));

export async function isS3Up(endpoint: string): Promise<boolean> {
  try {
    await fetch(endpoint, { signal: AbortSignal.timeout(1000) });
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts s3rver on the configured endpoint's port with the bucket created; resolves when it listens.
 * A fault test passes an env of its own (another port and directory) to stop and restart its own.
 */
export async function startS3Server(env: TS3Env = loadS3Env()): Promise<{ close: () => Promise<void> }> {
  const url = new URL(env.S3_ENDPOINT);
  const directory = resolve(root, env.S3_LOCAL_DIR);
  mkdirSync(directory, { recursive: true });
  const server = new S3rver({
    address: url.hostname,
    port: Number(url.port || 80),
    directory,
    silent: true,
    configureBuckets: [{ name: env.S3_BUCKET }],
  });
  await server.run();
  return { close: () => server.close() };
}

// Run directly (`npm run s3:start`): stay in the foreground until interrupted.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const env = loadS3Env();
  if (await isS3Up(env.S3_ENDPOINT)) {
    console.log(`S3 server already answering at ${env.S3_ENDPOINT}`);
  } else {
    const server = await startS3Server();
    console.log(
      `S3 server (s3rver) at ${env.S3_ENDPOINT}, bucket ${env.S3_BUCKET}, files in ${env.S3_LOCAL_DIR}`,
    );
    const stop = () => void server.close().then(() => process.exit(0));
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  }
}
