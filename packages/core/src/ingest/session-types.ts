import type { TEvent } from "../events/event.ts";
import type { TFormatName } from "../events/format-names.ts";
import type { TIpDayRollup } from "../rollup/ip-day-rollup.ts";
import type { TRollupSink } from "./rollup-sink.ts";

// What an ingest session (ingest-session.ts) is asked to do, and what it answers.

export type TSessionOptions = {
  referenceDate?: Date;
  format?: TFormatName;
  columns?: string[];
  onEvent?: (e: TEvent) => void;
  /**
   * Asked after each event handed to onEvent: false once the caller needs no more (a full sample).
   * Lines after that are parsed for counts and rollups only, so the WebAssembly kernel can take
   * them, as it does when there is no onEvent.
   */
  wantsEvents?: () => boolean;
  onProgress?: (p: { bytes: number; lines: number }) => void;
  /**
   * Hand each day's rollups to this sink once the log has moved past it, instead of keeping every
   * rollup to the end: memory then follows the days in flight, not the file. The result's
   * `rollups`/`eachRollup` are then unavailable; counts and sources stay exact.
   */
  rollupSink?: TRollupSink;
  /**
   * Use the WebAssembly kernel when it is built (default true): it parses netfilter lines and
   * keeps the IPv4 rows. The results are the same either way; false is for tests and
   * benchmarks that compare the two.
   */
  useKernel?: boolean;
  /**
   * Bytes the tables of distinct sources may hold before they are written to disk as sorted
   * runs (merged at the end), so a log of any number of sources stays in bounded memory.
   * Default 8 MB (SOURCE_BYTES in source-tally.ts).
   */
  maxSourceBytes?: number;
  /**
   * Bytes the addresses of rows already handed over may hold before they go to disk, oldest
   * day first; rows a day starts meanwhile are settled against them when it is handed over.
   * Default 8 MB (CLOSED_BYTES in rollup-accumulator.ts).
   */
  maxClosedBytes?: number;
};

export type TLineSample = { reason: string; line: number; text: string; file?: string };

export type TSessionResult = {
  lines: number;
  events: number;
  rejected: number;
  ignored: number;
  byFormat: Record<string, number>;
  rejectedByReason: Record<string, number>;
  ignoredByReason: Record<string, number>;
  rejectedSamples: TLineSample[];
  ignoredSamples: TLineSample[];
  sources: number;
  first: string | null;
  last: string | null;
  /** Number of (day, source IP) rollups. */
  rollupCount: number;
  /** Lines the WebAssembly kernel parsed (the others went through the TypeScript parsers). */
  kernelLines: number;
  /**
   * All rollups, sorted by day then address. Built on first access (a non-enumerable getter, so
   * JSON.stringify and object spread do not build a million objects by accident).
   */
  readonly rollups: TIpDayRollup[];
  /** The same rollups one at a time, for writing in batches with bounded memory. */
  eachRollup(): Generator<TIpDayRollup>;
  /** [address, events] of every distinct source, unordered. */
  eachSource(): Generator<[string, number]>;
  /**
   * Gives back the temporary disk space of the distinct sources and closed lists (see
   * maxSourceBytes, maxClosedBytes) once eachSource() is no longer needed; eachSource() then
   * yields nothing.
   */
  dispose(): void;
};
