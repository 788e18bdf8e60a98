import { open } from "node:fs/promises";

const GZIP_MAGIC = [0x1f, 0x8b];

/**
 * A file's bytes in chunks. Plain files are read into one reused buffer: a fresh buffer per
 * chunk (what fs streams do) costs allocation and page faults, and, as the buffers are freed only
 * by a full GC, a peak RSS of hundreds of MB on a large file. The consumer must be done with a
 * chunk (and copy what it keeps) before asking for the next one, as readLines does. gzip input
 * is handed to zlib, which may hold on to chunks, so it gets a fresh buffer per read.
 */
export async function* readFileChunks(path: string, chunkBytes: number): AsyncGenerator<Buffer> {
  const file = await open(path, "r");
  try {
    let buf = Buffer.allocUnsafeSlow(chunkBytes);
    let reuse: boolean | null = null;
    for (;;) {
      if (reuse === false) buf = Buffer.allocUnsafeSlow(chunkBytes);
      const { bytesRead } = await file.read(buf, 0, chunkBytes, null);
      if (bytesRead === 0) return;
      reuse ??= !(bytesRead >= 2 && buf[0] === GZIP_MAGIC[0] && buf[1] === GZIP_MAGIC[1]);
      yield buf.subarray(0, bytesRead);
    }
  } finally {
    await file.close();
  }
}
