import { open } from "node:fs/promises";

const GZIP_MAGIC = [0x1f, 0x8b];

/**
 * A file's bytes in chunks. Plain files are read into two reused buffers in turn, the next read
 * already in flight while the consumer parses the current chunk: awaiting each read only after
 * parsing left the thread idle for ~0.1 s per 240 MB, and a fresh buffer per chunk (what fs
 * streams do) costs allocation, page faults and, as such buffers are freed only by a full GC, a
 * peak RSS of hundreds of MB on a large file. The consumer must be done with a chunk (and copy
 * what it keeps) before asking for the next one, as readLines does. `buffers` are the two to
 * take turns with (chunkBytes each; by default new ones): the ingest kernel's give it the bytes
 * where it reads them (NetfilterKernel.readRoom).
 *
 * A plain file's chunks end at a newline: the partial last line is moved to the start of the
 * other buffer and the next read appends to it, so no line is split between chunks (a line
 * longer than half a buffer is, and readLines joins it). Lines split by chunk ends went to the
 * TypeScript parsers, cold, one per 4 MB. gzip input is handed to zlib as read (it may hold on
 * to chunks, so it gets a fresh buffer per read).
 */
export async function* readFileChunks(
  path: string,
  chunkBytes: number,
  buffers?: readonly [Buffer, Buffer],
): AsyncGenerator<Buffer> {
  const file = await open(path, "r");
  // buf[0, at) already holds bytes; the read fills the rest of it.
  const read = async (buf: Buffer, at: number): Promise<Buffer> => {
    const { bytesRead } = await file.read(buf, at, chunkBytes - at, null);
    return buf.subarray(0, at + bytesRead);
  };
  let pending: Promise<Buffer> | null = null;
  try {
    const [first, second] = buffers ?? [
      Buffer.allocUnsafeSlow(chunkBytes),
      Buffer.allocUnsafeSlow(chunkBytes),
    ];
    let current = await read(first, 0);
    if (current.length === 0) return;
    const gzip = current.length >= 2 && current[0] === GZIP_MAGIC[0] && current[1] === GZIP_MAGIC[1];
    for (let turn = 1; ; turn ^= 1) {
      const next = gzip ? Buffer.allocUnsafeSlow(chunkBytes) : turn === 1 ? second : first;
      let end = current.length;
      let carry = 0;
      if (!gzip) {
        const nl = current.lastIndexOf(10);
        if (nl >= 0 && current.length - (nl + 1) <= chunkBytes / 2) {
          end = nl + 1;
          carry = current.length - end;
          next.set(current.subarray(end));
        }
      }
      // Reads are sequential on the file position, so only one is ever in flight.
      pending = read(next, carry);
      yield current.subarray(0, end);
      current = await pending;
      pending = null;
      if (current.length === carry) {
        // The end of the file: what is left is a last line without a newline.
        if (carry > 0) yield current;
        return;
      }
    }
  } finally {
    // A consumer that stops early must not leave a read running on a closed file.
    if (pending) await pending.catch(() => undefined);
    await file.close();
  }
}
