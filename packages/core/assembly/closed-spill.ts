// AssemblyScript. Closed lists (closed-addresses.ts) of days the log has moved well past leave
// memory for the host's disk and come back when a late line needs one (closedNeeded in
// day-rows.ts): 4 bytes per handed-over (day, source) otherwise stay for the whole input, and
// 20M lines of distinct sources took 'mlsec ingest' past 200 MB with them.
import { dayAt, dayCount } from "./day-rows";

export function dayClosedN(i: i32): u32 {
  return dayAt(i).closedN;
}

/** Day i's closed list (sorted u32), or 0 when it is out of memory. */
export function dayClosedAt(i: i32): usize {
  return dayAt(i).closed;
}

/** Frees day i's closed list once the host has written it out; its length stays known. */
export function dropClosed(i: i32): void {
  const d = dayAt(i);
  if (d.out != 0 || d.closedN == 0) return;
  heap.free(d.closed);
  d.closed = 0;
  d.out = 1;
}

/** Room for day i's closed list, back in memory: the host copies the list there. */
export function restoreClosed(i: i32): usize {
  const d = dayAt(i);
  d.closed = heap.alloc(<usize>d.closedN << 2);
  d.out = 0;
  return d.closed;
}

/** Bytes the closed lists in memory hold, all days together. */
export function closedBytes(): f64 {
  let bytes: f64 = 0;
  for (let i = 0; i < dayCount(); i++) {
    const d = dayAt(i);
    if (d.out == 0) bytes += <f64>d.closedN * 4;
  }
  return bytes;
}
