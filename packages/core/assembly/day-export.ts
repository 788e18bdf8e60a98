// AssemblyScript. What the host reads of a day's rows when the day leaves: counts, the pages
// holding rows and port entries, the sketch list; and closing the day afterwards.
import { capacityFor } from "./memory";
import { ensureRecord, PAGE_BYTES, pageAt, recordAt, recordAtDiv, releasePages } from "./pages";
import { sortByHighWord } from "./closed-addresses";
import { foldSorted } from "./source-totals";
import {
  BLOCK_BLOCKED,
  BLOCK_COUNTS,
  closeAddresses,
  dayAt,
  dayCount,
  POOL_BYTES,
  ROW_BLOCK,
  ROW_CONTINUED,
  ROW_BYTES,
  SKETCH_BYTES,
  SKETCH_SHIFT,
  W_DISTINCT,
  W_FLAGS,
  W_IP,
  W_POOL,
} from "./day-rows";

export function dayNumber(i: i32): i32 {
  return dayAt(i).number;
}
export function dayEvents(i: i32): f64 {
  return dayAt(i).events;
}
export function dayRows(i: i32): u32 {
  return dayAt(i).n;
}
/** Rows are in pages of dayRowsPerPage() rows: page k of day i is at dayRowPageAt(i, k). */
export function dayRowPageAt(i: i32, k: u32): usize {
  return pageAt(dayAt(i).rows, k);
}
export function dayRowsPerPage(): u32 {
  return PAGE_BYTES / ROW_BYTES;
}
export function dayContinued(i: i32): u32 {
  return dayAt(i).continued;
}
export function dayPool(i: i32): u32 {
  return dayAt(i).pn;
}
/** Port entries are in pages of dayPoolPerPage() entries, like rows. */
export function dayPoolPageAt(i: i32, k: u32): usize {
  return pageAt(dayAt(i).pool, k);
}
export function dayPoolPerPage(): u32 {
  return PAGE_BYTES / POOL_BYTES;
}
export function daySketches(i: i32): u32 {
  return dayAt(i).sn;
}
export function daySketchesAt(i: i32): usize {
  return dayAt(i).sketches;
}

/**
 * Before the host copies day i's rows out: pool links are offset by `poolBase` (where the host
 * appends the pool entries), and each row's sketch index moves out of its flags into a list of
 * (row, sketch) pairs at sketchListAt(); returns the list's length.
 */
export function prepareExport(i: i32, poolBase: u32): u32 {
  const d = dayAt(i);
  // Rows whose ports went into a block get them back as a pool list, newest first, as a row
  // that never had a block keeps them.
  for (let s: u32 = 0; s < d.n; s++) {
    const row = recordAt(d.rows, s);
    const flags = load<u32>(row, W_FLAGS * 4);
    if ((flags & ROW_BLOCK) == 0) continue;
    const block = recordAtDiv(d.blocks, load<u32>(row, W_POOL * 4) - 1);
    let next: u32 = 0;
    const n = load<u32>(row, W_DISTINCT * 4) - 1;
    for (let k: u32 = 0; k < n; k++) {
      const e = d.pn++;
      ensureRecord(d.pool, e);
      const entry = recordAt(d.pool, e);
      store<u32>(entry, <u32>load<u16>(block + (<usize>k << 1)));
      store<u32>(entry, load<u32>(block + BLOCK_COUNTS + (<usize>k << 2)), 4);
      store<u32>(entry, load<u32>(block + BLOCK_BLOCKED + (<usize>k << 2)), 8);
      store<u32>(entry, next, 12);
      next = e + 1;
    }
    store<u32>(row, next, W_POOL * 4);
    store<u32>(row, flags & ~ROW_BLOCK, W_FLAGS * 4);
  }
  for (let e: u32 = 0; e < d.pn; e++) {
    const entry = recordAt(d.pool, e);
    const next = load<u32>(entry, 12);
    if (next != 0) store<u32>(entry, next + poolBase, 12);
  }
  if (sketchListCapacity < d.sn) {
    if (sketchList != 0) heap.free(sketchList);
    sketchListCapacity = capacityFor(d.sn);
    sketchList = heap.alloc(<usize>sketchListCapacity * 8);
  }
  let k: u32 = 0;
  for (let s: u32 = 0; s < d.n; s++) {
    const row = recordAt(d.rows, s);
    const first = load<u32>(row, W_POOL * 4);
    if (first != 0) store<u32>(row, first + poolBase, W_POOL * 4);
    const flags = load<u32>(row, W_FLAGS * 4);
    const sketch = flags >>> SKETCH_SHIFT;
    if (sketch == 0) continue;
    store<u32>(row, flags & ((1 << SKETCH_SHIFT) - 1), W_FLAGS * 4);
    store<u32>(sketchList + <usize>k * 8, s);
    store<u32>(sketchList + <usize>k * 8, sketch - 1, 4);
    k++;
  }
  return k;
}

let sketchList: usize = 0;
let sketchListCapacity: u32 = 0;

export function sketchListAt(): usize {
  return sketchList;
}

/**
 * After the host copied day i's rows out: adds them to the source totals, keeps their addresses
 * as handed over (a late line starts a continued row) and empties the day.
 */
export function closeDay(i: i32): void {
  const d = dayAt(i);
  // Rows not settled yet (settleUnresolved) would join the closed list as new: a host bug.
  if (d.unresolved != 0) unreachable();
  const n = d.n;
  const room = <usize>max<u32>(n, 1);
  // The rows in address order (a record each: address high, then row and continued flag): their
  // events join the source totals by one merge, the addresses the day's closed list by another.
  // Events are read in row order, into an array the sorted pass then reads: rows are 64 bytes
  // scattered over pages, an event total 8.
  const keys = heap.alloc(room << 3);
  const tmp = heap.alloc(room << 3);
  const bySlot = heap.alloc(room << 3);
  for (let s: u32 = 0; s < n; s++) {
    const row = recordAt(d.rows, s);
    const continued = <u64>((load<u32>(row, W_FLAGS * 4) & ROW_CONTINUED) != 0);
    store<u64>(keys + (<usize>s << 3), (<u64>load<u32>(row, W_IP * 4) << 32) | (<u64>s << 1) | continued);
    store<f64>(
      bySlot + (<usize>s << 3),
      <f64>load<u32>(row, 16) + <f64>load<u32>(row, 20) + <f64>load<u32>(row, 24) + <f64>load<u32>(row, 28),
    );
  }
  sortByHighWord(keys, tmp, n);
  heap.free(tmp);
  const ips = heap.alloc(room << 2);
  const events = heap.alloc(room << 3);
  const fresh = heap.alloc(room << 2);
  let k: u32 = 0;
  for (let j: u32 = 0; j < n; j++) {
    const key = load<u64>(keys + (<usize>j << 3));
    const ip = <u32>(key >>> 32);
    store<u32>(ips + (<usize>j << 2), ip);
    store<f64>(events + (<usize>j << 3), load<f64>(bySlot + (<usize>((<u32>key) >>> 1) << 3)));
    if ((key & 1) != 0) continue;
    store<u32>(fresh + (<usize>k << 2), ip);
    k++;
  }
  heap.free(bySlot);
  heap.free(keys);
  foldSorted(ips, events, n);
  heap.free(ips);
  heap.free(events);
  closeAddresses(d, fresh, k);
  d.n = 0;
  d.continued = 0;
  d.pn = 0;
  d.bn = 0;
  d.sn = 0;
  // The pages go to the next days; a day handed over only sees the odd late line.
  releasePages(d.rows);
  releasePages(d.pool);
  releasePages(d.blocks);
  if (d.sketches != 0) heap.free(d.sketches);
  d.sketches = 0;
  d.sketchCapacity = 0;
}

/**
 * Bytes the days' current rows hold (rows, port entries and blocks, sketches, tables): the host
 * hands days over early when this passes its budget.
 */
export function heldBytes(): f64 {
  let bytes: f64 = 0;
  for (let i = 0; i < dayCount(); i++) {
    const d = dayAt(i);
    bytes += <f64>(d.rows.count + d.pool.count + d.blocks.count) * <f64>PAGE_BYTES;
    bytes += <f64>d.sketchCapacity * <f64>SKETCH_BYTES + <f64>(d.mask + 1) * 8;
  }
  return bytes;
}
