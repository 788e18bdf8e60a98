import { open } from "node:fs/promises";

const GZIP_MAGIC = [0x1f, 0x8b];

/**
 * A file's bytes in chunks. Plain files are read into two reused buffers in turn, the next read
 * already in flight while the consumer parses the current chunk: awaiting each read only after
 * parsing left the thread idle for ~0.1 s per 240 MB, and a fresh buffer per chunk (what fs
 * streams do) costs allocation, page faults and, as such buffers are freed only by a full GC, a
 * peak RSS of hundreds of MB on a large file. The consumer must be done with a chunk (and copy
 * what it keeps) before asking for the next one, as readLines does. gzip input is handed to
 * zlib, which may hold on to chunks, so it gets a fresh buffer per read. `buffers` are the two
 * to take turns with (at least chunkBytes each; by default new ones): the ingest kernel's give
 * it the bytes where it reads them (NetfilterKernel.readRoom).
 */
export async function* readFileChunks(
  path: string,
  chunkBytes: number,
  buffers?: readonly [Buffer, Buffer],
): AsyncGenerator<Buffer> {
  const file = await open(path, "r");
  const read = async (buf: Buffer): Promise<Buffer> => {
    const { bytesRead } = await file.read(buf, 0, chunkBytes, null);
    return buf.subarray(0, bytesRead);
  };
  let pending: Promise<Buffer> | null = null;
  try {
    const [first, second] = buffers ?? [
      Buffer.allocUnsafeSlow(chunkBytes),
      Buffer.allocUnsafeSlow(chunkBytes),
    ];
    let current = await read(first);
    if (current.length === 0) return;
    const gzip = current.length >= 2 && current[0] === GZIP_MAGIC[0] && current[1] === GZIP_MAGIC[1];
    for (let turn = 1; ; turn ^= 1) {
      // Reads are sequential on the file position, so only one is ever in flight.
      pending = read(gzip ? Buffer.allocUnsafeSlow(chunkBytes) : turn === 1 ? second : first);
      yield current;
      current = await pending;
      pending = null;
      if (current.length === 0) return;
    }
  } finally {
    // A consumer that stops early must not leave a read running on a closed file.
    if (pending) await pending.catch(() => undefined);
    await file.close();
  }
}
