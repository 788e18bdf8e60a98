import { loadWorkerEnv, type TWorkerEnv } from "@mlsec/config";
import type { TEvent } from "@mlsec/core/events";
import { EventSampler, ingestStream, SAMPLE_MAX_EVENTS } from "@mlsec/core/ingest";
import {
  findEarlierUploadOfContent,
  getUpload,
  openRollupWriter,
  setUploadCounts,
  setUploadNote,
} from "@mlsec/db";
import { Readable } from "node:stream";
import { getStream, ingestSummaryKey, putStream } from "@mlsec/storage";
import { ingestSummaryJson, type TIngestSummary } from "./ingest-summary.ts";
import { writeEventSample } from "./event-sample-upload.ts";

/**
 * Ingest stage: streams the upload from S3 through the parsers and its per-(day, IP) rollups into
 * PostgreSQL under the content's SHA-256, a day at a time as the log moves past it (so memory
 * follows the days in flight, not the file); a retry or a duplicate upload overwrites instead of
 * adding. Keeps the summary the report needs. Raw bytes stay in S3.
 */
export async function ingestUpload(opts: {
  tenantId: string;
  uploadId: string;
  progress: (pct: number) => Promise<void>;
  /** A cancel (the worker's job taken away): the read stops, and nothing after it is written. */
  signal?: AbortSignal;
  /** Decompression-bomb limits; the worker's environment unless a caller (a test) passes its own. */
  limits?: Pick<
    TWorkerEnv,
    "MAX_DECOMPRESSED_BYTES" | "MAX_DECOMPRESSION_RATIO" | "DECOMPRESSION_RATIO_AFTER_BYTES"
  >;
  /**
   * Called between chunks of the read at most every `everyMs`: the worker pauses in it while other
   * tenants' stages wait, so a big upload shares the machine instead of holding it (#21).
   */
  yieldToOthers?: { everyMs: number; pause: () => Promise<void> };
  /** The event sample's bounds; the worker's EVENT_SAMPLE_PER_DAY and core's cap unless a test passes its own. */
  sample?: { perAddressDay: number; maxEvents: number };
}) {
  const limits = opts.limits ?? loadWorkerEnv();
  const upload = await getUpload({ tenantId: opts.tenantId, id: opts.uploadId });
  if (!upload.s3Key || !upload.sha256) throw new Error("the upload's bytes never reached storage");
  const size = Number(upload.sizeBytes);
  let pending: Promise<void> = Promise.resolve();
  // Two connections: PostgreSQL's side of the COPY is most of the stage's CPU time.
  const writer = await openRollupWriter({
    tenantId: opts.tenantId,
    sourceKey: upload.sha256,
    connections: 2,
  });
  // The events behind each address-day, for the IP page and event verdicts (#17), unless the
  // operator turned the sample off for its CPU cost.
  const bounds = opts.sample ?? {
    perAddressDay: loadWorkerEnv().EVENT_SAMPLE_PER_DAY,
    maxEvents: SAMPLE_MAX_EVENTS,
  };
  const sampler = bounds.perAddressDay > 0 ? new EventSampler(bounds.perAddressDay, bounds.maxEvents) : null;
  let result;
  let stopReading: (() => void) | undefined;
  // Everything after the writer opens is inside the try: a failed read (the object not there yet,
  // S3 away) must close the writer, or its connections keep their locks and the retry waits forever.
  try {
    const body = await getStream(upload.s3Key);
    // The stream's error ends ingestStream mid-file: a cancelled ingest does not read on to the end.
    stopReading = () => body.destroy(abortReason(opts.signal));
    opts.signal?.addEventListener("abort", stopReading, { once: true });
    result = await ingestStream(opts.yieldToOthers ? yielding(body, opts.yieldToOthers) : body, {
      referenceDate: upload.createdAt,
      maxDecompressedBytes: limits.MAX_DECOMPRESSED_BYTES,
      maxDecompressionRatio: limits.MAX_DECOMPRESSION_RATIO,
      decompressionRatioAfterBytes: limits.DECOMPRESSION_RATIO_AFTER_BYTES,
      // Events only until the sample is full: then the WebAssembly kernel parses the rest of the
      // log (several times faster), and the sample's counts are settled from the rollups, which
      // pass through the sampler on their way to PostgreSQL.
      ...(sampler ? { onEvent: (e: TEvent) => sampler.add(e), wantsEvents: () => !sampler.full } : {}),
      onProgress: ({ bytes }) => {
        // Bytes are counted before decompression where the parser can see them; cap at 99 until the stage ends.
        const pct = size > 0 ? Math.min(99, (100 * bytes) / size) : 0;
        pending = pending.then(() => opts.progress(pct));
        // A refused progress write (the job cancelled) surfaces at `await pending` below; until
        // then it must not count as an unhandled rejection, which would end the worker process.
        pending.catch(() => undefined);
      },
      rollupSink: {
        concurrency: 2,
        lagDays: 1,
        write: async (batch) => {
          await (batch.continued
            ? writer.add(counted(batch.rollups(), sampler))
            : writer.write(counted(batch.encoded(), sampler)));
        },
      },
    });
    await pending;
  } finally {
    if (stopReading) opts.signal?.removeEventListener("abort", stopReading);
    await writer.close();
  }
  opts.signal?.throwIfAborted();
  const summary: Omit<TIngestSummary, "ips"> = {
    lines: result.lines,
    events: result.events,
    rejected: result.rejected,
    byFormat: result.byFormat,
    rejectedByReason: result.rejectedByReason,
    rejectedSamples: result.rejectedSamples,
    sources: result.sources,
    first: result.first,
    last: result.last,
  };
  try {
    await putStream({
      key: ingestSummaryKey(upload.s3Key),
      body: Readable.from(ingestSummaryJson(summary, result.eachSource()), { objectMode: false }),
      contentType: "application/json",
    });
  } finally {
    result.dispose();
  }
  if (sampler) {
    sampler.settle();
    await writeEventSample(upload.s3Key, sampler);
  }
  await setUploadCounts({
    tenantId: opts.tenantId,
    id: opts.uploadId,
    counts: { lines: result.lines, events: result.events, rejected: result.rejected },
    formats: result.byFormat,
    rejectedByReason: result.rejectedByReason,
  });
  const earlier = await findEarlierUploadOfContent({
    tenantId: opts.tenantId,
    id: opts.uploadId,
    sha256: upload.sha256,
    createdAt: upload.createdAt,
  });
  await setUploadNote({
    tenantId: opts.tenantId,
    id: opts.uploadId,
    note: earlier
      ? `duplicate of upload ${earlier.id}: the same bytes were ingested before, so their rollups were overwritten, not counted twice`
      : null,
  });
  if (result.events === 0) {
    const reasons = Object.entries(result.rejectedByReason)
      .map(([r, n]) => `${r}: ${n}`)
      .join(", ");
    throw new NoEventsError(
      result.lines === 0
        ? "the file is empty"
        : `no line could be read as a firewall or log event (${reasons || "unknown format"})`,
    );
  }
  return summary;
}

/** An upload with nothing to rank: retrying cannot help, so the stage fails it at once. */
export class NoEventsError extends Error {}

const abortReason = (signal: AbortSignal | undefined): Error =>
  signal?.reason instanceof Error ? signal.reason : new Error("the ingest was cancelled");

/** The rows, each also counted in the sample's entry of its address-day (EventSampler.addRollup). */
function counted<T extends { ip: string; day: string; events: number }>(
  rows: Iterable<T>,
  sampler: EventSampler | null,
): Iterable<T> {
  if (sampler === null) return rows;
  return (function* () {
    for (const r of rows) {
      sampler.addRollup(r.ip, r.day, r.events);
      yield r;
    }
  })();
}

/** The body's chunks, with a call to `pause` before a chunk once `everyMs` passed since the last. */
async function* yielding(
  body: AsyncIterable<Uint8Array>,
  y: { everyMs: number; pause: () => Promise<void> },
): AsyncGenerator<Uint8Array> {
  let last = Date.now();
  for await (const chunk of body) {
    if (Date.now() - last >= y.everyMs) {
      await y.pause();
      last = Date.now();
    }
    yield chunk;
  }
}
