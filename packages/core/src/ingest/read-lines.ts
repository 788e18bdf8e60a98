import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { IngestFailure } from "./ingest-failure.ts";

export type TLineSink = {
  /**
   * One line without its "\n" (and without a trailing "\r"), as buf[start, end); `latin1` is the
   * whole buffer decoded one character per byte (same indices), for byte-oriented fast parsers.
   * `offset` is the line's first byte's position in the decompressed stream.
   */
  line(buf: Buffer, latin1: string, start: number, end: number, offset: number): void;
  /** A line longer than the limit: only its head is kept, the rest was skipped without buffering. */
  overlong(offset: number, head: Buffer): void;
  /** The gzip stream ended early or is corrupt; `tail` is the partial last line, if any. */
  brokenGzip(reason: "gzip-truncated" | "gzip-corrupt", offset: number, tail: Buffer): void;
  /**
   * Optional fast path: accounts for every line of buf[start, end) (whole lines, the last one
   * ending in "\n"; `offset` is the window's position in the stream) exactly as `line` and
   * `overlong` would, or returns false to be given the lines one at a time instead.
   */
  window?(buf: Buffer, start: number, end: number, offset: number, maxLineBytes: number): boolean;
  /** After each input chunk; a returned promise is awaited before reading on (backpressure). */
  afterChunk?(): Promise<void> | undefined;
};

export type TReadLimits = {
  maxLineBytes: number;
  maxDecompressedBytes: number;
  /** Most decompressed bytes per compressed byte, checked once output passes `ratioAfterBytes`. */
  maxRatio?: number;
  ratioAfterBytes?: number;
};
export type TReadStats = { bytes: number; gzip: boolean };

const HEAD_BYTES = 512;
const WINDOW = 64 * 1024;

function toBuffer(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  if (typeof chunk === "string") return Buffer.from(chunk, "utf8");
  throw new IngestFailure("unreadable-input", "input chunks must be bytes");
}

async function* chain(first: Buffer, rest: AsyncIterator<unknown>): AsyncGenerator<Buffer> {
  yield first;
  for (let r = await rest.next(); !r.done; r = await rest.next()) yield toBuffer(r.value);
}

function zlibReason(err: unknown): "gzip-truncated" | "gzip-corrupt" | null {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === "Z_BUF_ERROR") return "gzip-truncated";
  if (typeof code === "string" && code.startsWith("Z_")) return "gzip-corrupt";
  return null;
}

/** One line win[s, e) (e at its "\n" or the end), or its head when it is longer than `max`. */
export function emitLine(
  sink: TLineSink,
  win: Buffer,
  latin1: string,
  s: number,
  e: number,
  offset: number,
  max: number,
): void {
  if (e - s > max) sink.overlong(offset, win.subarray(s, Math.min(e, s + HEAD_BYTES)));
  else sink.line(win, latin1, s, e > s && win[e - 1] === 13 ? e - 1 : e, offset);
}

/** Every line of `win` (whole lines, the last ending in "\n"), which starts at stream `offset`. */
export function emitLines(sink: TLineSink, win: Buffer, offset: number, max: number): void {
  // One latin1 decode per window of whole lines: line splitting and the fast parsers then use
  // V8's string builtins, which are far cheaper per line than Buffer methods (each a C++ call).
  const latin1 = win.toString("latin1");
  let a = 0;
  for (let nl = latin1.indexOf("\n"); nl >= 0; nl = latin1.indexOf("\n", a)) {
    emitLine(sink, win, latin1, a, nl, offset + a, max);
    a = nl + 1;
  }
}

/**
 * Streams the input as lines. gzip is recognised by its magic bytes, not a file name, and
 * decompressed on the fly (concatenated members included). Memory stays bounded whatever the
 * input: a line is only buffered up to `maxLineBytes`, and decompressed output beyond
 * `maxDecompressedBytes` aborts the whole input as a decompression bomb. A truncated or corrupt
 * gzip stream keeps every line decoded before the damage and reports the damage to the sink.
 * Empty input is a failure: an upload with no bytes is almost always a broken export.
 */
export async function readLines(
  input: AsyncIterable<unknown>,
  limits: TReadLimits,
  sink: TLineSink,
): Promise<TReadStats> {
  const it = input[Symbol.asyncIterator]();
  // Gather at least the two magic bytes, however the source happens to chunk its data.
  const head: Buffer[] = [];
  let headLen = 0;
  for (let r = await it.next(); !r.done; r = await it.next()) {
    const b = toBuffer(r.value);
    head.push(b);
    headLen += b.length;
    if (headLen >= 2) break;
  }
  if (headLen === 0) throw new IngestFailure("empty-input", "the input is empty (0 bytes)");
  const first = head.length === 1 && head[0] ? head[0] : Buffer.concat(head, headLen);
  const gzip = first.length >= 2 && first[0] === 0x1f && first[1] === 0x8b;
  // Compressed bytes handed to zlib so far, for the ratio limit (what zlib holds unread makes the
  // ratio look smaller, never larger: the check can only be late by one chunk, never wrong).
  let compressed = 0;
  const counted = async function* (from: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const b of from) {
      compressed += b.length;
      yield b;
    }
  };
  let source: AsyncIterable<Buffer> = chain(first, it);
  let gunzip: ReturnType<typeof createGunzip> | null = null;
  if (gzip) {
    gunzip = createGunzip({ chunkSize: 256 * 1024 });
    const raw = Readable.from(counted(source), { objectMode: false });
    raw.on("error", (err) => gunzip?.destroy(err));
    raw.pipe(gunzip);
    source = gunzip;
  }

  let base = 0;
  let carry: Buffer[] = [];
  let carryLen = 0;
  let carryOffset = 0;
  let overlong = false;
  let overlongHead: Buffer = Buffer.alloc(0);
  const max = limits.maxLineBytes;

  const startCarry = (part: Buffer, offset: number): void => {
    carry = [];
    carryLen = 0;
    overlong = false;
    carryOffset = offset;
    appendCarry(part);
  };
  const appendCarry = (part: Buffer): void => {
    if (overlong) return;
    if (carryLen + part.length > max) {
      overlong = true;
      overlongHead = Buffer.concat([...carry, part.subarray(0, HEAD_BYTES)]).subarray(0, HEAD_BYTES);
      carry = [];
      carryLen = 0;
      return;
    }
    // A copy: the source may reuse its buffer for the next chunk (readFileChunks does).
    carry.push(Buffer.from(part));
    carryLen += part.length;
  };
  const flushCarry = (): void => {
    if (overlong) sink.overlong(carryOffset, overlongHead);
    else if (carryLen > 0) {
      const joined = carry.length === 1 && carry[0] ? carry[0] : Buffer.concat(carry, carryLen);
      emitLine(sink, joined, joined.toString("latin1"), 0, joined.length, carryOffset, max);
    }
    carry = [];
    carryLen = 0;
    overlong = false;
  };
  let pending = false; // a line is being carried across chunks

  try {
    for await (const chunk of source) {
      const buf = toBuffer(chunk);
      if (gzip) {
        const out = base + buf.length;
        const ratio = out / Math.max(1, compressed);
        const overSize = out > limits.maxDecompressedBytes;
        const overRatio =
          limits.maxRatio !== undefined && out > (limits.ratioAfterBytes ?? 0) && ratio > limits.maxRatio;
        if (overSize || overRatio) {
          gunzip?.destroy();
          // Said in the user's terms: the upload shows this reason when it fails.
          const past = overSize ? limits.maxDecompressedBytes : (limits.ratioAfterBytes ?? 0);
          throw new IngestFailure(
            overSize ? "decompressed-size-limit" : "decompression-ratio-limit",
            `upload inflates past ${past} bytes (ratio ${Math.round(ratio)}): refused as a decompression bomb`,
          );
        }
      }
      let s = 0;
      if (pending) {
        const nl = buf.indexOf(10);
        if (nl < 0) {
          appendCarry(buf);
          base += buf.length;
          continue;
        }
        appendCarry(buf.subarray(0, nl));
        flushCarry();
        pending = false;
        s = nl + 1;
      }
      // All the chunk's whole lines at once, when the sink takes them (the kernel, reading them
      // where they were read). Otherwise windows of ~64 KiB of whole lines: their latin1
      // strings are young-generation strings, which die cheaply; one string per MB read would
      // go to the large-object space and pile up until a full GC.
      const end = buf.lastIndexOf(10) + 1;
      if (end > s && sink.window?.(buf, s, end, base + s, max)) s = end;
      while (s < buf.length) {
        const last = buf.lastIndexOf(10, Math.min(buf.length, s + WINDOW) - 1);
        const stop = last >= s ? last + 1 : buf.indexOf(10, s) + 1;
        if (stop <= s) break; // no newline left in this chunk
        if (!sink.window?.(buf, s, stop, base + s, max))
          emitLines(sink, buf.subarray(s, stop), base + s, max);
        s = stop;
      }
      if (s < buf.length) {
        startCarry(buf.subarray(s), base + s);
        pending = true;
      }
      base += buf.length;
      const wait = sink.afterChunk?.();
      if (wait) await wait;
    }
  } catch (err) {
    const reason = zlibReason(err);
    if (reason === null) throw err;
    sink.brokenGzip(
      reason,
      pending ? carryOffset : base,
      !pending ? Buffer.alloc(0) : overlong ? overlongHead : Buffer.concat(carry),
    );
    return { bytes: base, gzip };
  }
  if (pending) flushCarry();
  return { bytes: base, gzip };
}
