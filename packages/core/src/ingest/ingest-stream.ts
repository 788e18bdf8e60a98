import { IngestFailure } from "./ingest-failure.ts";
import { IngestSession } from "./ingest-session.ts";
import type { TSessionOptions, TSessionResult } from "./session-types.ts";
import { readFileChunks } from "./read-file-chunks.ts";
import { readLines, type TReadLimits } from "./read-lines.ts";
import type { TToEvent } from "./to-event.ts";

export type TIngestOptions = TSessionOptions & {
  /** Decompressed bytes allowed per gzip input before it is failed as a decompression bomb. */
  maxDecompressedBytes?: number;
  /**
   * Most decompressed bytes per compressed byte of a gzip input once its output passes
   * `decompressionRatioAfterBytes` (default: no ratio limit).
   */
  maxDecompressionRatio?: number;
  decompressionRatioAfterBytes?: number;
  /** Longer lines are rejected as "line-too-long" without being buffered. */
  maxLineBytes?: number;
  /** Bytes per read of a file (ingestFiles; default READ_CHUNK): tests make lines straddle reads. */
  readChunkBytes?: number;
};

export type TIngestResult = TSessionResult & {
  /** Bytes read after decompression, and whether any input was gzip. */
  bytes: number;
  gzip: boolean;
};

export const DEFAULT_MAX_LINE_BYTES = 64 * 1024;
// 64 GiB: far beyond a routine 10 GB upload, far below what fills a disk.
export const DEFAULT_MAX_DECOMPRESSED_BYTES = 64 * 1024 ** 3;
// 4 MB reads: with 64 KiB ones, stream overhead alone cost ~0.2 s per 240 MB, and 4 MB ran ~4 %
// faster than 1 MB with the WebAssembly kernel (fewer reads to wait for). Lines are decoded per
// window of ~64 KiB, never per read, so a read's size makes no large strings.
const READ_CHUNK = 4_000_000;

function limitsOf(opts: TIngestOptions): TReadLimits {
  return {
    maxLineBytes: opts.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES,
    maxDecompressedBytes: opts.maxDecompressedBytes ?? DEFAULT_MAX_DECOMPRESSED_BYTES,
    ...(opts.maxDecompressionRatio !== undefined
      ? { maxRatio: opts.maxDecompressionRatio, ratioAfterBytes: opts.decompressionRatioAfterBytes ?? 0 }
      : {}),
  };
}

/** toEvent, loaded only for a caller that wants events (it brings ip-num along). */
async function eventBuilder(opts: TIngestOptions): Promise<TToEvent | null> {
  return opts.onEvent ? (await import("./to-event.ts")).toEvent : null;
}

/** Ingests one byte stream (plain or gzip) into counters, samples and rollups. */
export async function ingestStream(
  input: AsyncIterable<Uint8Array> | NodeJS.ReadableStream,
  opts: TIngestOptions = {},
): Promise<TIngestResult> {
  const session = new IngestSession(opts, await eventBuilder(opts));
  session.startFile();
  const stats = await readLines(input as AsyncIterable<unknown>, limitsOf(opts), session);
  await session.drain();
  return Object.assign(session.finish(), { bytes: stats.bytes, gzip: stats.gzip });
}

/**
 * Ingests several files into one result (rollups merged across files). Headers and format
 * memory reset per file; samples name their file. A file-level failure fails the whole call,
 * naming the file.
 */
export async function ingestFiles(paths: string[], opts: TIngestOptions = {}): Promise<TIngestResult> {
  const session = new IngestSession(opts, await eventBuilder(opts));
  let bytes = 0;
  let gzip = false;
  for (const path of paths) {
    session.startFile(path);
    try {
      const chunkBytes = opts.readChunkBytes ?? READ_CHUNK;
      const chunks = readFileChunks(path, chunkBytes, session.readBuffers(chunkBytes));
      const stats = await readLines(chunks, limitsOf(opts), session);
      bytes += stats.bytes;
      gzip ||= stats.gzip;
    } catch (err) {
      if (err instanceof IngestFailure) throw new IngestFailure(err.reason, `${path}: ${err.message}`);
      throw err;
    }
  }
  await session.drain();
  return Object.assign(session.finish(), { bytes, gzip });
}
