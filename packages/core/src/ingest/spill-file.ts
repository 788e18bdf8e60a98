import { randomUUID } from "node:crypto";
import { closeSync, openSync, readSync, unlinkSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A new temporary file for reading and writing, unlinked at once: it lives as long as the
 * returned descriptor, and nothing is left on disk whatever happens to the process.
 */
export function openUnlinkedTemp(prefix: string): number {
  const file = join(tmpdir(), `${prefix}-${randomUUID()}`);
  const fd = openSync(file, "wx+");
  unlinkSync(file);
  return fd;
}

/** Where put() left a list of words. */
export type TSpillRef = { readonly offset: number; readonly words: number };

/**
 * One temporary file that lists of 32-bit words are set aside in while an input is ingested
 * and read back from, in parts (the closed lists, closed-runs.ts). Append-only and unlinked
 * (openUnlinkedTemp); dispose() closes it and the space comes back.
 */
export class SpillFile {
  private fd: number | null = null;
  private end = 0;

  put(list: Uint32Array): TSpillRef {
    this.fd ??= openUnlinkedTemp("mlsec-spill");
    const ref = { offset: this.end, words: list.length };
    const bytes = new Uint8Array(list.buffer, list.byteOffset, list.byteLength);
    for (let done = 0; done < bytes.length;)
      done += writeSync(this.fd, bytes, done, bytes.length - done, this.end + done);
    this.end += bytes.length;
    return ref;
  }

  /** Reads words [from, from + into.length) of the list at `ref` into `into`. */
  read(ref: TSpillRef, into: Uint32Array, from = 0): void {
    if (this.fd === null || from < 0 || from + into.length > ref.words)
      throw new Error("SpillFile.read: not within a list put here");
    const bytes = new Uint8Array(into.buffer, into.byteOffset, into.byteLength);
    const at = ref.offset + 4 * from;
    for (let done = 0; done < bytes.length;) {
      const got = readSync(this.fd, bytes, done, bytes.length - done, at + done);
      if (got === 0) throw new Error("SpillFile.read: the file ended early");
      done += got;
    }
  }

  dispose(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    this.end = 0;
  }
}
