// AssemblyScript. The queue between the parser and the day rows.
import { addEvent, bucketAhead, rowAhead } from "./day-rows";

// Events queued by the parser, counted in batches: while one event is counted, the table bucket
// of an event a few places ahead is loaded already, so cache misses overlap instead of queueing
// one behind the other (random accesses into a day's few MB of table and rows are most of the
// counting time; measured ~40 ns each on this class of machine).
const QUEUE: i32 = 256;
const AHEAD: i32 = 8; // events ahead whose table bucket is loaded
const ROW_AHEAD: i32 = 4; // events ahead whose row is loaded (its bucket is in cache by then)
let queued: i32 = 0;
let queue: usize = 0; // QUEUE records of 6 i32: day, ms, ip, port, proto, action
let touched: u32 = 0; // keeps the look-ahead loads from being optimised away

export function queueSetup(): void {
  queue = heap.alloc(<usize>QUEUE * 24);
}

/** Queues one event of the parser (counted by drainEvents, in order). */
export function queueEvent(day: i32, ms: u32, ip: u32, port: i32, proto: i32, action: i32): void {
  const q = queue + <usize>queued * 24;
  store<i32>(q, day);
  store<u32>(q, ms, 4);
  store<u32>(q, ip, 8);
  store<i32>(q, port, 12);
  store<i32>(q, proto, 16);
  store<i32>(q, action, 20);
  if (++queued == QUEUE) drainEvents();
}

/** Counts the queued events, in the order they were queued. */
export function drainEvents(): void {
  const n = queued;
  queued = 0;
  for (let i = 0; i < n; i++) {
    if (i + AHEAD < n) {
      const a = queue + <usize>(i + AHEAD) * 24;
      const bucket = bucketAhead(load<i32>(a), load<u32>(a, 8));
      if (bucket != 0) touched ^= load<u32>(bucket, 4);
    }
    if (i + ROW_AHEAD < n) {
      const a = queue + <usize>(i + ROW_AHEAD) * 24;
      touched ^= rowAhead(load<i32>(a), load<u32>(a, 8));
    }
    const q = queue + <usize>i * 24;
    addEvent(load<i32>(q), load<u32>(q, 4), load<u32>(q, 8), load<i32>(q, 12), load<i32>(q, 16), load<i32>(q, 20), 1);
  }
}

export function touchedSink(): u32 {
  return touched;
}
