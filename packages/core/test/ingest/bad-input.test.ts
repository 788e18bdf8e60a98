import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { IngestFailure, ingestStream } from "../../src/ingest/index.ts";
import { REFERENCE, accounted } from "./ingest-fixture.ts";

const LINE =
  "Jan  1 00:00:03 fw01 kernel: [UFW BLOCK] IN=eth0 OUT= MAC= SRC=45.33.32.156 DST=198.51.100.7 LEN=40 PROTO=TCP SPT=40000 DPT=3389\n";

function streamOf(...chunks: (string | Uint8Array)[]): Readable {
  return Readable.from(chunks.map((c) => (typeof c === "string" ? Buffer.from(c) : c)));
}

/** Lines that differ as a real log's do: identical lines compress 250 times, a log 5 to 20 times. */
const varied = (n: number): string =>
  Array.from({ length: n }, (_, i) =>
    LINE.replace("45.33.32.156", `45.33.${i % 251}.${(i * 7) % 253}`).replace(
      "40000",
      String(1024 + ((i * 7919) % 60000)),
    ),
  ).join("");

describe("bad input", () => {
  it("detects gzip by magic bytes, across concatenated members and odd chunking", async () => {
    const gz = Buffer.concat([gzipSync(LINE.repeat(3)), gzipSync(LINE.repeat(2))]);
    const chunks = [gz.subarray(0, 1), gz.subarray(1, 7), gz.subarray(7)];
    const r = await ingestStream(streamOf(...chunks), { referenceDate: REFERENCE });
    expect(r.gzip).toBe(true);
    expect(r.events).toBe(5);
  });

  it("keeps what a truncated gzip yielded and counts the damage as a rejection", async () => {
    const gz = gzipSync(LINE.repeat(2000));
    const r = await ingestStream(streamOf(gz.subarray(0, Math.floor(gz.length * 0.6))), {
      referenceDate: REFERENCE,
    });
    expect(r.events).toBeGreaterThan(0);
    expect(r.events).toBeLessThan(2000);
    expect(r.rejectedByReason["gzip-truncated"]).toBe(1);
    expect(accounted(r)).toBe(true);
  });

  it("fails the job on a decompression bomb", async () => {
    const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x41));
    await expect(ingestStream(streamOf(bomb), { maxDecompressedBytes: 1024 * 1024 })).rejects.toMatchObject({
      reason: "decompressed-size-limit",
    });
  });

  it("fails a bomb on its ratio once past the threshold, but not an ordinary gzip", async () => {
    const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x41));
    const limits = { maxDecompressionRatio: 200, decompressionRatioAfterBytes: 1024 * 1024 };
    await expect(ingestStream(streamOf(bomb), limits)).rejects.toMatchObject({
      reason: "decompression-ratio-limit",
      message: expect.stringMatching(
        /^upload inflates past 1048576 bytes \(ratio \d+\): refused as a decompression bomb$/,
      ) as unknown,
    });
    const r = await ingestStream(streamOf(gzipSync(varied(20_000))), {
      ...limits,
      referenceDate: REFERENCE,
    });
    expect(r.events).toBe(20_000);
  });

  it("fails the job on a 0-byte input", async () => {
    const err: unknown = await ingestStream(streamOf()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IngestFailure);
    expect((err as IngestFailure).reason).toBe("empty-input");
  });

  it("rejects over-long lines without buffering them, even across chunks", async () => {
    const long = "x".repeat(200_000);
    const r = await ingestStream(
      streamOf(LINE, long.slice(0, 70_000), long.slice(70_000), "\n", LINE, "y".repeat(100)),
      {
        referenceDate: REFERENCE,
        maxLineBytes: 64 * 1024,
      },
    );
    expect(r.rejectedByReason["line-too-long"]).toBe(1);
    expect(r.rejectedSamples.find((s) => s.reason === "line-too-long")?.text.length).toBeLessThanOrEqual(512);
    expect(r.events).toBe(2);
    // The unterminated last line counts too.
    expect(r.lines).toBe(4);
    expect(accounted(r)).toBe(true);
  });

  it("classifies binary garbage and unknown text, keeping at most 20 samples per reason", async () => {
    const garbage = Buffer.from(
      Array.from({ length: 30 }, (_, i) => `\u0001\u0002binary${i}\u0000\n`).join(""),
    );
    const r = await ingestStream(streamOf(garbage, "hello world\n"), { referenceDate: REFERENCE });
    expect(r.rejectedByReason).toEqual({ "binary-data": 30, "unrecognised-format": 1 });
    expect(r.rejectedSamples.filter((s) => s.reason === "binary-data")).toHaveLength(20);
    expect(r.events).toBe(0);
  });

  it("reads lines split across chunks and CRLF endings", async () => {
    const text = LINE.replace("\n", "\r\n").repeat(3);
    const r = await ingestStream(streamOf(text.slice(0, 50), text.slice(50, 170), text.slice(170)), {
      referenceDate: REFERENCE,
    });
    expect(r.events).toBe(3);
    expect(r.rejected).toBe(0);
  });

  it("a forced format rejects other lines instead of detecting them", async () => {
    const ssh =
      "Jan 12 06:25:13 bastion sshd[1]: Failed password for root from 203.0.113.50 port 51234 ssh2\n";
    const r = await ingestStream(streamOf(LINE, ssh), { referenceDate: REFERENCE, format: "netfilter" });
    expect(r.byFormat).toEqual({ netfilter: 1 });
    expect(r.rejectedByReason).toEqual({ "unrecognised-format": 1 });
  });
});
