// AssemblyScript. Events of IPv6 sources the kernel parsed, kept for the host, which holds the
// IPv6 rows: a batch per run instead of a stop per line (one IPv6 line in fifty cost a return
// to JavaScript each, ~10 ms per 1M lines).

/** Records: day, ms, port, protocol | action << 4, then the address as four u32 words. */
const RECORD_BYTES: i32 = 32;
const CAPACITY: i32 = 256;

let records: usize = 0;
let count: i32 = 0;

export function v6Setup(): void {
  records = heap.alloc(<usize>(CAPACITY * RECORD_BYTES));
}

/** Empties the batch (the host has read it). */
export function v6Reset(): void {
  count = 0;
}

/** Keeps one event; true when the batch is full and the host must read it. */
export function keepV6(day: i32, ms: i32, port: i32, kind: i32, w0: u32, w1: u32, w2: u32, w3: u32): bool {
  const r = records + <usize>(count * RECORD_BYTES);
  store<i32>(r, day);
  store<i32>(r, ms, 4);
  store<i32>(r, port, 8);
  store<i32>(r, kind, 12);
  store<u32>(r, w0, 16);
  store<u32>(r, w1, 20);
  store<u32>(r, w2, 24);
  store<u32>(r, w3, 28);
  return ++count == CAPACITY;
}

export function v6EventsAt(): usize {
  return records;
}

export function v6EventCount(): i32 {
  return count;
}
