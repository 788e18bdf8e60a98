// AssemblyScript. Distinct IPv4 sources over the whole input and their events, as two parallel
// arrays sorted by address, into which each hand-over's rows are merged (closeDay in
// day-export.ts): what SessionResult.sources and eachSource report. Sorted, not hashed: the
// rows of a hand-over arrive sorted anyway (their addresses join the day's closed list), a merge
// streams where a probe per row missed the cache (~7% of 1M lines went to those probes), it
// takes 12 bytes a source where the table took ~30, and a run for the disk
// (src/ingest/source-runs.ts) is the arrays as they are.

let ips: usize = 0; // u32, ascending
let events: usize = 0; // f64 per address
let total: u32 = 0;
let capacity: u32 = 0;

export function sourcesSetup(): void {
  ips = heap.alloc(4);
  events = heap.alloc(8);
  total = 0;
  capacity = 1;
}

/**
 * Merges n sources, `fromIps` ascending and distinct, `fromEvents` their events, into the totals:
 * an address already there has its events added.
 */
export function foldSorted(fromIps: usize, fromEvents: usize, n: u32): void {
  if (n == 0) return;
  const room = total + n;
  const outIps = heap.alloc(<usize>room << 2);
  const outEvents = heap.alloc(<usize>room << 3);
  let i: u32 = 0;
  let j: u32 = 0;
  let k: u32 = 0;
  while (i < total && j < n) {
    const a = load<u32>(ips + (<usize>i << 2));
    const b = load<u32>(fromIps + (<usize>j << 2));
    if (a < b) {
      store<u32>(outIps + (<usize>k << 2), a);
      store<f64>(outEvents + (<usize>k << 3), load<f64>(events + (<usize>i << 3)));
      i++;
    } else if (b < a) {
      store<u32>(outIps + (<usize>k << 2), b);
      store<f64>(outEvents + (<usize>k << 3), load<f64>(fromEvents + (<usize>j << 3)));
      j++;
    } else {
      store<u32>(outIps + (<usize>k << 2), a);
      store<f64>(
        outEvents + (<usize>k << 3),
        load<f64>(events + (<usize>i << 3)) + load<f64>(fromEvents + (<usize>j << 3)),
      );
      i++;
      j++;
    }
    k++;
  }
  if (i < total) {
    memory.copy(outIps + (<usize>k << 2), ips + (<usize>i << 2), <usize>(total - i) << 2);
    memory.copy(outEvents + (<usize>k << 3), events + (<usize>i << 3), <usize>(total - i) << 3);
    k += total - i;
  } else if (j < n) {
    memory.copy(outIps + (<usize>k << 2), fromIps + (<usize>j << 2), <usize>(n - j) << 2);
    memory.copy(outEvents + (<usize>k << 3), fromEvents + (<usize>j << 3), <usize>(n - j) << 3);
    k += n - j;
  }
  heap.free(ips);
  heap.free(events);
  ips = outIps;
  events = outEvents;
  total = k;
  capacity = room;
}

/**
 * Empties the totals once the host has written them out (a sorted run on disk,
 * src/ingest/source-runs.ts): what they hold is then bounded, not the input's distinct sources.
 */
export function sourcesReset(): void {
  heap.free(ips);
  heap.free(events);
  sourcesSetup();
}

/** Bytes the totals hold. */
export function sourceBytes(): u32 {
  return capacity * 12;
}

export function sourceCount(): u32 {
  return total;
}
export function sourceIpsAt(): usize {
  return ips;
}
export function sourceEventsAt(): usize {
  return events;
}
