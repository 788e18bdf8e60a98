import { createHash } from "node:crypto";
import { Readable, Transform } from "node:stream";
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  PutObjectCommand,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { getStorage, type TStorage } from "./client.ts";

export async function ensureBucket(storage: TStorage = getStorage()): Promise<void> {
  try {
    await storage.client.send(new HeadBucketCommand({ Bucket: storage.bucket }));
  } catch {
    await storage.client.send(new CreateBucketCommand({ Bucket: storage.bucket }));
  }
}

export type TStoredObject = { key: string; sizeBytes: number; sha256: string };

/**
 * Streams a body to S3 with multipart upload (5 MiB parts, at most 4 in flight), hashing it on the
 * way: memory stays at a few parts whatever the file size. `onBytes` reports progress.
 */
export async function putStream(opts: {
  key: string;
  body: Readable | ReadableStream<Uint8Array>;
  contentType?: string;
  maxBytes?: number;
  onBytes?: (total: number) => void;
  storage?: TStorage;
}): Promise<TStoredObject> {
  const storage = opts.storage ?? getStorage();
  const hash = createHash("sha256");
  let size = 0;
  const source = opts.body instanceof Readable ? opts.body : Readable.from(chunksOf(opts.body));
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (opts.maxBytes !== undefined && size > opts.maxBytes) {
        done(new Error(`upload larger than the limit of ${opts.maxBytes} bytes`));
        return;
      }
      hash.update(chunk);
      opts.onBytes?.(size);
      done(null, chunk);
    },
  });
  source.on("error", (err) => meter.destroy(err));
  const upload = new Upload({
    client: storage.writes,
    params: {
      Bucket: storage.bucket,
      Key: opts.key,
      Body: source.pipe(meter),
      ContentType: opts.contentType ?? "application/octet-stream",
    },
    partSize: 5 * 1024 * 1024,
    queueSize: 4,
  });
  await upload.done();
  return { key: opts.key, sizeBytes: size, sha256: hash.digest("hex") };
}

/**
 * A web stream's chunks as an async iterable. Readable.fromWeb's parameter type is Node's own
 * ReadableStream, which the DOM lib's global one (what Next.js route handlers get) does not satisfy.
 */
async function* chunksOf(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  let finished = false;
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) {
        finished = true;
        return;
      }
      yield next.value;
    }
  } finally {
    // Stopped early (S3 failed, client aborted): tell the source we stop reading.
    if (!finished) await reader.cancel().catch(() => undefined);
  }
}

/** A readable stream of an object's bytes; nothing is buffered beyond the socket's window. */
export async function getStream(key: string, storage: TStorage = getStorage()): Promise<Readable> {
  const res = await storage.client.send(new GetObjectCommand({ Bucket: storage.bucket, Key: key }));
  if (!(res.Body instanceof Readable)) throw new Error(`object ${key} has no readable body`);
  return res.Body;
}

export async function putJson(key: string, value: unknown, storage: TStorage = getStorage()): Promise<void> {
  await storage.client.send(
    new PutObjectCommand({
      Bucket: storage.bucket,
      Key: key,
      Body: JSON.stringify(value),
      ContentType: "application/json",
    }),
  );
}

export async function getJson<T = unknown>(key: string, storage: TStorage = getStorage()): Promise<T> {
  const res = await storage.client.send(new GetObjectCommand({ Bucket: storage.bucket, Key: key }));
  if (!res.Body) throw new Error(`object ${key} is empty`);
  return JSON.parse(await res.Body.transformToString("utf8")) as T;
}

/** Stores bytes (multipart through putStream, so an object of any size fits). */
export async function putBytes(
  key: string,
  bytes: Uint8Array,
  storage: TStorage = getStorage(),
): Promise<void> {
  await putStream({ key, body: Readable.from([bytes]), storage });
}

/** An object's bytes, or null when it does not exist. */
export async function getBytesOrNull(
  key: string,
  storage: TStorage = getStorage(),
): Promise<Uint8Array | null> {
  try {
    const res = await storage.client.send(new GetObjectCommand({ Bucket: storage.bucket, Key: key }));
    if (!res.Body) throw new Error(`object ${key} is empty`);
    return await res.Body.transformToByteArray();
  } catch (err) {
    if (err instanceof Error && err.name === "NoSuchKey") return null;
    throw err;
  }
}

export async function deleteObject(key: string, storage: TStorage = getStorage()): Promise<void> {
  await storage.client.send(new DeleteObjectCommand({ Bucket: storage.bucket, Key: key }));
}
