// AssemblyScript. Distinct IPv4 sources over the whole input and their events, filled as each
// day's rows leave (closeDay in day-rows.ts): what SessionResult.sources and eachSource report.
import { doubledTable, hash, zeroed } from "./memory";

// Distinct sources over the whole input and their events.
let sourceCells: usize = 0; // [ip, index + 1]
let sourceMask: u32 = 0;
let sourceTotal: u32 = 0;
let sourceLimit: u32 = 0;
let sourceEvents: usize = 0; // f64 per index
let sourceEventsCapacity: u32 = 0;

// 64k buckets (512 KB) to start with: a log of any size has tens of thousands of sources, and
// each doubling rehashes every one of them.
const FIRST_BUCKETS: u32 = 65536;

export function sourcesSetup(): void {
  sourceMask = FIRST_BUCKETS - 1;
  sourceCells = zeroed(<usize>FIRST_BUCKETS * 8);
  sourceLimit = <u32>(<f64>FIRST_BUCKETS * 0.7);
  sourceEventsCapacity = FIRST_BUCKETS;
  sourceEvents = zeroed(<usize>FIRST_BUCKETS * 8);
}

function growSources(): void {
  const buckets = (sourceMask + 1) * 2;
  sourceCells = doubledTable(sourceCells, sourceMask + 1);
  sourceMask = buckets - 1;
  sourceLimit = <u32>(<f64>buckets * 0.7);
}

/** Adds a row's events to its source's total. */
export function fold(ip: u32, events: f64): void {
  let i = hash(ip) & sourceMask;
  for (;;) {
    const cell = sourceCells + <usize>i * 8;
    const v = load<u32>(cell, 4);
    if (v == 0) break;
    if (load<u32>(cell) == ip) {
      const at = sourceEvents + <usize>(v - 1) * 8;
      store<f64>(at, load<f64>(at) + events);
      return;
    }
    i = (i + 1) & sourceMask;
  }
  const index = sourceTotal++;
  const cell = sourceCells + <usize>i * 8;
  store<u32>(cell, ip);
  store<u32>(cell, index + 1, 4);
  if (index == sourceEventsCapacity) {
    sourceEventsCapacity *= 2;
    sourceEvents = heap.realloc(sourceEvents, <usize>sourceEventsCapacity * 8);
  }
  store<f64>(sourceEvents + <usize>index * 8, events);
  if (sourceTotal > sourceLimit) growSources();
}

/**
 * Empties the totals, back to their first size, once the host has written them out (a sorted
 * run on disk, src/ingest/source-runs.ts): what they hold is then bounded, not the input's
 * distinct sources.
 */
export function sourcesReset(): void {
  heap.free(sourceCells);
  heap.free(sourceEvents);
  sourceTotal = 0;
  sourcesSetup();
}

/** Bytes the totals hold. */
export function sourceBytes(): u32 {
  return (sourceMask + 1) * 8 + sourceEventsCapacity * 8;
}

export function sourceCount(): u32 {
  return sourceTotal;
}
export function sourceBuckets(): u32 {
  return sourceMask + 1;
}
export function sourceCellsAt(): usize {
  return sourceCells;
}
export function sourceEventsAt(): usize {
  return sourceEvents;
}
