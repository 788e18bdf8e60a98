// AssemblyScript. Closed lists (closed-addresses.ts) past the host's budget leave memory for its
// disk, the list of the day the log is in included: 4 bytes per handed-over (day, source)
// otherwise grow with the input (20M lines of distinct sources: 80 MB; one day of 80M distinct
// sources: 320 MB). A day with part of its list on disk does not search it per new row: the row
// is flagged ROW_UNRESOLVED, and the day's unresolved rows are settled together before the day
// is handed over (unresolvedAt, then the host marks those on disk, then settleUnresolved).
import { sortByHighWord, isClosed } from "./closed-addresses";
import { addPairs, dayAt, dayCount, ROW_CONTINUED, ROW_UNRESOLVED, W_FLAGS, W_IP } from "./day-rows";
import { recordAt } from "./pages";

/** Addresses in day i's closed list in memory (those handed over since it last went out). */
export function dayClosedN(i: i32): u32 {
  return dayAt(i).closedN;
}

/** Day i's closed list in memory (sorted u32), or 0 for none. */
export function dayClosedAt(i: i32): usize {
  return dayAt(i).closed;
}

/** Frees day i's closed list in memory once the host has written it out. */
export function dropClosed(i: i32): void {
  const d = dayAt(i);
  if (d.closedN == 0) return;
  heap.free(d.closed);
  d.closed = 0;
  d.outN += d.closedN;
  d.closedN = 0;
}

/** Bytes the closed lists in memory hold, all days together. */
export function closedBytes(): f64 {
  let bytes: f64 = 0;
  for (let i = 0; i < dayCount(); i++) bytes += <f64>dayAt(i).closedN * 4;
  return bytes;
}

export function dayUnresolved(i: i32): u32 {
  return dayAt(i).unresolved;
}

let records: usize = 0;

/**
 * Day i's unresolved rows as u64 records sorted by address (address high, row << 1 low), bit 0
 * already set for those in the closed list in memory; the host sets it for those in the lists
 * on its disk, then calls settleUnresolved.
 */
export function unresolvedAt(i: i32): usize {
  const d = dayAt(i);
  const n = d.unresolved;
  const room = <usize>max<u32>(n, 1) << 3;
  records = heap.alloc(room);
  let k: u32 = 0;
  for (let s: u32 = 0; s < d.n; s++) {
    const row = recordAt(d.rows, s);
    if ((load<u32>(row, W_FLAGS * 4) & ROW_UNRESOLVED) == 0) continue;
    const ip = load<u32>(row, W_IP * 4);
    const known = <u64>(d.closedN != 0 && isClosed(d.closed, d.closedN, ip));
    store<u64>(records + (<usize>k << 3), (<u64>ip << 32) | (<u64>s << 1) | known);
    k++;
  }
  const tmp = heap.alloc(room);
  sortByHighWord(records, tmp, k);
  heap.free(tmp);
  return records;
}

/** Day i's unresolved rows become continued (bit 0 set) or new (day, source) pairs. */
export function settleUnresolved(i: i32): void {
  const d = dayAt(i);
  const n = d.unresolved;
  let fresh: u32 = 0;
  for (let k: u32 = 0; k < n; k++) {
    const low = load<u32>(records + (<usize>k << 3));
    const row = recordAt(d.rows, low >>> 1);
    let flags = load<u32>(row, W_FLAGS * 4) & ~ROW_UNRESOLVED;
    if ((low & 1) != 0) {
      flags |= ROW_CONTINUED;
      d.continued++;
    } else fresh++;
    store<u32>(row, flags, W_FLAGS * 4);
  }
  addPairs(fresh);
  heap.free(records);
  records = 0;
  d.unresolved = 0;
}
