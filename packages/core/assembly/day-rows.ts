// AssemblyScript. Per (UTC day, IPv4 source) rollup rows for the WebAssembly ingest kernel.
//
// The same rows as RollupRows in src/ingest/rollup-rows.ts, word for word (16 u32 per row, the
// same port pool and port sketch), so a day's rows are copied out to it as they are when the day
// leaves (src/ingest/kernel-rollups.ts). Counting here rather than in JavaScript, fed through the
// event queue's look-ahead, took the CPU time of 1M lines from ~0.97 s to ~0.72 s
// (docs/benchmarks.md).
import { capacityFor, doubledTable, hash, zeroed } from "./memory";
import { isClosed, mergeClosed } from "./closed-addresses";
import { ensureRecord, ensureRecordDiv, newPaged, Paged, recordAt, recordAtDiv } from "./pages";

// Row words (RollupRows' W_* constants).
export const W_IP: u32 = 0;
export const W_FLAGS: u32 = 1;
const W_FIRST: u32 = 2;
const W_LAST: u32 = 3;
const W_BLOCK: u32 = 4;
const W_ALERT: u32 = 6;
const W_TCP: u32 = 8;
const W_PORT0: u32 = 11;
const W_PORT0_COUNT: u32 = 12;
const W_PORT0_BLOCKED: u32 = 13;
export const W_POOL: u32 = 14;
export const W_DISTINCT: u32 = 15;
export const ROW_BYTES: u32 = 64;
/** Flag of a row that continues one already handed over (a late line for a closed day). */
export const ROW_CONTINUED: u32 = 2;
/**
 * Flag of a row started while part of its day's closed list was on the host's disk: whether it
 * continues one is settled when the day is handed over (closed-spill.ts), against the whole list.
 */
export const ROW_UNRESOLVED: u32 = 8;
/**
 * The row's exact ports past the first are in a block (W_POOL = block + 1), not the pool list:
 * a scanner's row sees thousands of events over up to 64 ports, and walking a list scattered
 * over the day's pool for each one cost most of the counting time on 10M lines (3.9 of 7 s).
 * Blocks become pool lists again when the day's rows are copied out (day-export.ts).
 */
export const ROW_BLOCK: u32 = 4;
/** Ports in the pool list at which a row moves them into a block. */
const BLOCK_AT: u32 = 8;
// Block: 64 u16 ports, then 64 u32 counts, then 64 u32 blocked counts, index 0 the oldest.
export const BLOCK_BYTES: u32 = 640;
export const BLOCK_COUNTS: u32 = 128;
export const BLOCK_BLOCKED: u32 = 384;
/** Flag bits from here up: the row's port sketch index + 1 (cleared when copied out). */
export const SKETCH_SHIFT: u32 = 8;
/** Distinct ports counted exactly per row (PORT_EXACT_BOUND in rollup/ip-day-rollup.ts). */
const PORT_EXACT_BOUND: u32 = 64;
export const POOL_BYTES: u32 = 16;
export const SKETCH_BYTES: u32 = 256;

/**
 * One UTC day: the addresses of its current rows (a table), of its rows already handed over
 * (sorted, closed-addresses.ts; past the host's budget, on its disk), and its current rows.
 */
@unmanaged
export class Day {
  number: i32;
  events: f64;
  cells: usize; // [ip, slot + 1] per bucket
  mask: u32;
  size: u32; // addresses in the table
  limit: u32;
  peak: u32; // the most the table held: how large the next day's starts
  closed: usize; // the addresses handed over since the list last went to disk (0: none)
  closedN: u32;
  outN: u32; // addresses handed over that are on the host's disk (closed-spill.ts)
  unresolved: u32; // current rows flagged ROW_UNRESOLVED
  rows: Paged;
  n: u32;
  continued: u32; // rows that continue rows already handed over
  pool: Paged; // port entries: port, count, blocked count, next entry + 1
  blocks: Paged; // port blocks of rows with many ports (ROW_BLOCK)
  bn: u32;
  pn: u32;
  sketches: usize;
  sketchCapacity: u32;
  sn: u32;
  // The day's earliest and latest event, ms past its midnight (first > last: none yet): kept
  // per day as u32, a float per event for the whole input cost more.
  firstMs: u32;
  lastMs: u32;
}

let days: usize = 0; // Day pointers
let dayCapacity: i32 = 0;
let dayTotal: i32 = 0;
let lastDay: Day = changetype<Day>(0);

/** Distinct (day, source) pairs (rows still unresolved not yet among them). */
let pairTotal: f64 = 0;

/** Counts `n` (day, source) pairs found new when unresolved rows were settled. */
export function addPairs(n: u32): void {
  pairTotal += <f64>n;
}

export function daysSetup(): void {
  dayCapacity = 16;
  days = zeroed(<usize>dayCapacity * sizeof<usize>());
}

/**
 * Where `ip`'s bucket is in the table of the day last counted into, or 0 when that day is not
 * `day`: the event queue loads it ahead of counting.
 */
export function bucketAhead(day: i32, ip: u32): usize {
  const d = lastDay;
  if (changetype<usize>(d) == 0 || d.number != day) return 0;
  return d.cells + <usize>(hash(ip) & d.mask) * 8;
}

/**
 * A word of `ip`'s row in the day last counted into when its bucket's first cell holds it
 * (loaded a few events after bucketAhead, so the cell is in cache by then), or 0: the event
 * queue reads it ahead of counting, so the row's cache miss overlaps too.
 */
export function rowAhead(day: i32, ip: u32): u32 {
  const d = lastDay;
  if (changetype<usize>(d) == 0 || d.number != day) return 0;
  const cell = d.cells + <usize>(hash(ip) & d.mask) * 8;
  const v = load<u32>(cell, 4);
  if (v == 0 || load<u32>(cell) != ip) return 0;
  return load<u32>(recordAt(d.rows, v - 1), W_LAST * 4);
}

/** Gives day `d` an empty address table of `buckets` (a power of two). */
function emptyTable(d: Day, buckets: u32): void {
  d.cells = zeroed(<usize>buckets * 8);
  d.mask = buckets - 1;
  d.size = 0;
  d.limit = <u32>(<f64>buckets * 0.7);
}

function newDay(number: i32): Day {
  // The table is sized like the day before's (logs are time-ordered and days alike), so it does
  // not grow from nothing by doubling and rehashing.
  const like = changetype<usize>(lastDay) != 0 ? max(lastDay.size, lastDay.peak) : 0;
  const d = changetype<Day>(zeroed(offsetof<Day>()));
  d.number = number;
  emptyTable(d, capacityFor(<u32>(<f64>like / 0.7) + 1));
  d.rows = newPaged(ROW_BYTES);
  d.firstMs = u32.MAX_VALUE;
  d.pool = newPaged(POOL_BYTES);
  d.blocks = newPaged(BLOCK_BYTES);
  if (dayTotal == dayCapacity) {
    dayCapacity *= 2;
    days = heap.realloc(days, <usize>dayCapacity * sizeof<usize>());
  }
  store<usize>(days + <usize>dayTotal * sizeof<usize>(), changetype<usize>(d));
  dayTotal++;
  return d;
}

function dayOf(number: i32): Day {
  if (changetype<usize>(lastDay) != 0 && lastDay.number == number) return lastDay;
  for (let i = 0; i < dayTotal; i++) {
    const d = changetype<Day>(load<usize>(days + <usize>i * sizeof<usize>()));
    if (d.number == number) {
      lastDay = d;
      return d;
    }
  }
  lastDay = newDay(number);
  return lastDay;
}

function growTable(d: Day): void {
  const buckets = (d.mask + 1) * 2;
  d.cells = doubledTable(d.cells, d.mask + 1);
  d.mask = buckets - 1;
  d.limit = <u32>(<f64>buckets * 0.7);
}

function newRow(d: Day, ip: u32, flags: u32, ms: u32): u32 {
  const s = d.n++;
  ensureRecord(d.rows, s);
  const row = recordAt(d.rows, s);
  // Four stores: memory.fill is a call out of the module in V8.
  const zero = i64x2.splat(0);
  v128.store(row, zero);
  v128.store(row, zero, 16);
  v128.store(row, zero, 32);
  v128.store(row, zero, 48);
  store<u32>(row, ip, W_IP * 4);
  store<u32>(row, flags, W_FLAGS * 4);
  store<u32>(row, ms, W_FIRST * 4);
  store<u32>(row, ms, W_LAST * 4);
  return s;
}

/**
 * The row of `ip` on day `d`, started at `ms` when new: a continued row when the address's row
 * of that day was handed over already, a new (day, source) pair otherwise.
 */
function rowOf(d: Day, ip: u32, ms: u32): u32 {
  const cells = d.cells;
  const mask = d.mask;
  let i = hash(ip) & mask;
  for (;;) {
    const cell = cells + <usize>i * 8;
    const v = load<u32>(cell, 4);
    if (v == 0) break;
    if (load<u32>(cell) == ip) return v - 1;
    i = (i + 1) & mask;
  }
  let s: u32;
  if (d.outN != 0) {
    // Searching the list on disk per new row would cost a read each: settled at hand-over.
    d.unresolved++;
    s = newRow(d, ip, ROW_UNRESOLVED, ms);
  } else if (d.closedN != 0 && isClosed(d.closed, d.closedN, ip)) {
    d.continued++;
    s = newRow(d, ip, ROW_CONTINUED, ms);
  } else {
    s = newRow(d, ip, 0, ms);
    pairTotal += 1;
  }
  const cell = cells + <usize>i * 8;
  store<u32>(cell, ip);
  store<u32>(cell, s + 1, 4);
  if (++d.size > d.limit) growTable(d);
  return s;
}

/**
 * After a day's rows were handed over: the addresses of those that do not continue one (k at
 * `fresh`, sorted; freed here) join the day's sorted closed ones, and the table starts again,
 * small.
 */
export function closeAddresses(d: Day, fresh: usize, k: u32): void {
  d.closed = mergeClosed(d.closed, d.closedN, fresh, k);
  d.closedN += k;
  heap.free(fresh);
  d.peak = max(d.peak, d.size);
  heap.free(d.cells);
  emptyTable(d, 64);
}

function mix(x: u32): u32 {
  let h = x;
  h ^= h >>> 16;
  h *= 0x85ebca6b;
  h ^= h >>> 13;
  h *= 0xc2b2ae35;
  h ^= h >>> 16;
  return h;
}

/** addToPortSketch of rollup/port-sketch.ts: a 256-register HyperLogLog. */
function sketchAdd(sketch: usize, port: u32): void {
  const h = mix(port + 0x9e3779b9);
  const idx = h >>> 24;
  const rest = h << 8;
  const rank: u8 = rest == 0 ? 25 : <u8>(clz(rest) + 1);
  if (rank > load<u8>(sketch + idx)) store<u8>(sketch + idx, rank);
}

function sketchOf(d: Day, row: usize): usize {
  const flags = load<u32>(row, W_FLAGS * 4);
  const k = flags >>> SKETCH_SHIFT;
  if (k != 0) return d.sketches + <usize>(k - 1) * SKETCH_BYTES;
  if (d.sn == d.sketchCapacity) {
    d.sketchCapacity = max<u32>(4, d.sketchCapacity * 2);
    const bytes = <usize>d.sketchCapacity * SKETCH_BYTES;
    d.sketches = d.sketches == 0 ? heap.alloc(bytes) : heap.realloc(d.sketches, bytes);
  }
  const i = d.sn++;
  const sketch = d.sketches + <usize>i * SKETCH_BYTES;
  memory.fill(sketch, 0, SKETCH_BYTES);
  store<u32>(row, (flags & ((1 << SKETCH_SHIFT) - 1)) | ((i + 1) << SKETCH_SHIFT), W_FLAGS * 4);
  // Crossing the bound: seed the sketch with every port counted exactly so far.
  const p0 = load<u32>(row, W_PORT0 * 4);
  if (p0 != 0) sketchAdd(sketch, p0 - 1);
  if ((flags & ROW_BLOCK) != 0) {
    const block = recordAtDiv(d.blocks, load<u32>(row, W_POOL * 4) - 1);
    const n = load<u32>(row, W_DISTINCT * 4) - 1;
    for (let k: u32 = 0; k < n; k++) sketchAdd(sketch, <u32>load<u16>(block + (<usize>k << 1)));
    return sketch;
  }
  for (let e = load<u32>(row, W_POOL * 4); e != 0; ) {
    const entry = recordAt(d.pool, e - 1);
    sketchAdd(sketch, load<u32>(entry));
    e = load<u32>(entry, 12);
  }
  return sketch;
}

/** Index of `port` among the first n ports of a block, or -1: eight ports per SIMD compare. */
function findInBlock(block: usize, n: u32, port: u32): i32 {
  const wanted = i16x8.splat(<i16>port);
  for (let k: u32 = 0; k < n; k += 8) {
    let m = i16x8.bitmask(i16x8.eq(v128.load(block + (<usize>k << 1)), wanted));
    while (m != 0) {
      const at = k + <u32>ctz(m);
      if (at < n) return <i32>at;
      m &= m - 1;
    }
  }
  return -1;
}

function addBlockPort(d: Day, row: usize, port: u32, count: u32, hostile: u32): void {
  const block = recordAtDiv(d.blocks, load<u32>(row, W_POOL * 4) - 1);
  const distinct = load<u32>(row, W_DISTINCT * 4);
  const n = distinct - 1;
  const k = findInBlock(block, n, port);
  if (k >= 0) {
    const c = block + BLOCK_COUNTS + (<usize>k << 2);
    store<u32>(c, load<u32>(c) + count);
    const b = block + BLOCK_BLOCKED + (<usize>k << 2);
    store<u32>(b, load<u32>(b) + hostile);
    return;
  }
  if (distinct < PORT_EXACT_BOUND) {
    store<u16>(block + (<usize>n << 1), <u16>port);
    store<u32>(block + BLOCK_COUNTS + (<usize>n << 2), count);
    store<u32>(block + BLOCK_BLOCKED + (<usize>n << 2), hostile);
    store<u32>(row, distinct + 1, W_DISTINCT * 4);
    return;
  }
  sketchAdd(sketchOf(d, row), port);
}

/** Moves a row's pool list (newest first) into a new block (oldest first). */
function toBlock(d: Day, row: usize): void {
  const n = load<u32>(row, W_DISTINCT * 4) - 1;
  const b = d.bn++;
  ensureRecordDiv(d.blocks, b);
  const block = recordAtDiv(d.blocks, b);
  let k = n;
  for (let e = load<u32>(row, W_POOL * 4); e != 0; ) {
    const entry = recordAt(d.pool, e - 1);
    k--;
    store<u16>(block + (<usize>k << 1), <u16>load<u32>(entry));
    store<u32>(block + BLOCK_COUNTS + (<usize>k << 2), load<u32>(entry, 4));
    store<u32>(block + BLOCK_BLOCKED + (<usize>k << 2), load<u32>(entry, 8));
    e = load<u32>(entry, 12);
  }
  store<u32>(row, b + 1, W_POOL * 4);
  store<u32>(row, load<u32>(row, W_FLAGS * 4) | ROW_BLOCK, W_FLAGS * 4);
}

function addPooledPort(d: Day, row: usize, port: u32, count: u32, hostile: u32): void {
  if ((load<u32>(row, W_FLAGS * 4) & ROW_BLOCK) != 0) return addBlockPort(d, row, port, count, hostile);
  for (let e = load<u32>(row, W_POOL * 4); e != 0; ) {
    const entry = recordAt(d.pool, e - 1);
    if (load<u32>(entry) == port) {
      store<u32>(entry, load<u32>(entry, 4) + count, 4);
      store<u32>(entry, load<u32>(entry, 8) + hostile, 8);
      return;
    }
    e = load<u32>(entry, 12);
  }
  const distinct = load<u32>(row, W_DISTINCT * 4);
  if (distinct < PORT_EXACT_BOUND) {
    if (distinct - 1 == BLOCK_AT) {
      toBlock(d, row);
      return addBlockPort(d, row, port, count, hostile);
    }
    const i = d.pn++;
    ensureRecord(d.pool, i);
    const entry = recordAt(d.pool, i);
    store<u32>(entry, port);
    store<u32>(entry, count, 4);
    store<u32>(entry, hostile, 8);
    store<u32>(entry, load<u32>(row, W_POOL * 4), 12);
    store<u32>(row, i + 1, W_POOL * 4);
    store<u32>(row, distinct + 1, W_DISTINCT * 4);
    return;
  }
  sketchAdd(sketchOf(d, row), port);
}

/**
 * Adds `count` events of `ip` at `ms` past the midnight of UTC day `day`; `action` indexes
 * ACTIONS, `proto` is 1 tcp, 2 udp, 3 icmp or 0 (none or another, which the host keeps), `port`
 * the destination port or -1. Returns the row's slot within its day.
 */
export function addEvent(day: i32, ms: u32, ip: u32, port: i32, proto: i32, action: i32, count: u32): u32 {
  const d = dayOf(day);
  d.events += 1;
  if (ms < d.firstMs) d.firstMs = ms;
  if (ms > d.lastMs) d.lastMs = ms;
  const before = d.n;
  const s = rowOf(d, ip, ms);
  const row = recordAt(d.rows, s);
  const a = W_BLOCK + <u32>action;
  const hostile = a == W_BLOCK || a == W_ALERT ? count : 0;
  if (s == before) {
    // A new row (two in three on a firewall log): its counts are this event's, stored once.
    store<u32>(row + <usize>a * 4, count);
    if (proto >= 1 && proto <= 3) store<u32>(row + <usize>(W_TCP + <u32>proto - 1) * 4, count);
  } else {
    if (ms < load<u32>(row, W_FIRST * 4)) store<u32>(row, ms, W_FIRST * 4);
    if (ms > load<u32>(row, W_LAST * 4)) store<u32>(row, ms, W_LAST * 4);
    store<u32>(row + <usize>a * 4, load<u32>(row + <usize>a * 4) + count);
    if (proto >= 1 && proto <= 3) {
      const pw = row + <usize>(W_TCP + <u32>proto - 1) * 4;
      store<u32>(pw, load<u32>(pw) + count);
    }
  }
  if (port < 0) return s;
  const p0 = load<u32>(row, W_PORT0 * 4);
  if (p0 == <u32>port + 1) {
    store<u32>(row, load<u32>(row, W_PORT0_COUNT * 4) + count, W_PORT0_COUNT * 4);
    store<u32>(row, load<u32>(row, W_PORT0_BLOCKED * 4) + hostile, W_PORT0_BLOCKED * 4);
  } else if (p0 == 0) {
    store<u32>(row, <u32>port + 1, W_PORT0 * 4);
    store<u32>(row, count, W_PORT0_COUNT * 4);
    store<u32>(row, hostile, W_PORT0_BLOCKED * 4);
    store<u32>(row, 1, W_DISTINCT * 4);
  } else addPooledPort(d, row, <u32>port, count, hostile);
  return s;
}

/** Day `i` in the order days were first seen. */
export function dayAt(i: i32): Day {
  return changetype<Day>(load<usize>(days + <usize>i * sizeof<usize>()));
}

export function dayCount(): i32 {
  return dayTotal;
}

export function pairs(): f64 {
  return pairTotal;
}
/** The earliest event, ms since the epoch (Infinity when there is none). */
export function firstSeen(): f64 {
  let t = Infinity;
  for (let i = 0; i < dayTotal; i++) {
    const d = dayAt(i);
    if (d.firstMs <= d.lastMs) t = min(t, <f64>d.number * 86400000 + <f64>d.firstMs);
  }
  return t;
}
/** The latest event, ms since the epoch (-Infinity when there is none). */
export function lastSeen(): f64 {
  let t = -Infinity;
  for (let i = 0; i < dayTotal; i++) {
    const d = dayAt(i);
    if (d.firstMs <= d.lastMs) t = max(t, <f64>d.number * 86400000 + <f64>d.lastMs);
  }
  return t;
}
