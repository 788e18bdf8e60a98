import { closeSync, readSync, writeSync } from "node:fs";
import { sortKeyWords } from "./sort-slots.ts";
import { openUnlinkedTemp } from "./spill-file.ts";

// Records read or written per system call: 64 KB at a time whatever the number of runs.
const IO_BYTES = 64 * 1024;

/**
 * Distinct sources and their events over an input of any size, in bounded memory: when the
 * in-memory tables of sources pass their budget they are written out here as a sorted run and
 * start again empty; at the end the runs are merged, summing a source's events over the runs it
 * is in. A run is a file of records, `words` 32-bit key words (1 for IPv4, 4 for IPv6 as
 * parseIpv6 writes them) then the events as a float64, little-endian, in ascending key order.
 * Each file is unlinked as soon as it is created (openUnlinkedTemp) and reached through its
 * descriptor only; dispose() closes the descriptors.
 */
export class SourceRuns {
  private readonly files: { fd: number; bytes: number }[] = [];

  constructor(readonly words: 1 | 4) {}

  /** Runs written so far. */
  get runs(): number {
    return this.files.length;
  }

  /**
   * Writes one run of `n` sources: `keys` holds `words` words per source, from offset `at[i]`
   * for source i (from i * words when `at` is null), events[i] its events; each source appears
   * once.
   */
  write(keys: Uint32Array, at: ArrayLike<number> | null, events: ArrayLike<number>, n: number): void {
    if (n === 0) return;
    this.writeInOrder(keys, at, events, n, sortKeyWords(keys, at, n, this.words));
  }

  /** Writes one run of sources already in ascending key order, `words` words each in `keys`. */
  writeSorted(keys: Uint32Array, events: Float64Array): void {
    if (events.length > 0) this.writeInOrder(keys, null, events, events.length, null);
  }

  private writeInOrder(
    keys: Uint32Array,
    at: ArrayLike<number> | null,
    events: ArrayLike<number>,
    n: number,
    order: ArrayLike<number> | null, // null: as they are
  ): void {
    const recordBytes = 4 * this.words + 8;
    const perWrite = Math.floor(IO_BYTES / recordBytes);
    const buf = Buffer.allocUnsafe(perWrite * recordBytes);
    const fd = openUnlinkedTemp("mlsec-sources");
    let bytes = 0;
    try {
      for (let from = 0; from < n; from += perWrite) {
        let o = 0;
        for (let i = from; i < Math.min(n, from + perWrite); i++) {
          const s = order === null ? i : (order[i] ?? 0);
          const k = at === null ? s * this.words : (at[s] ?? 0);
          for (let w = 0; w < this.words; w++) o = buf.writeUInt32LE(keys[k + w] ?? 0, o);
          o = buf.writeDoubleLE(events[s] ?? 0, o);
        }
        bytes += writeSync(fd, buf, 0, o);
      }
    } catch (err) {
      closeSync(fd);
      throw err;
    }
    this.files.push({ fd, bytes });
  }

  /**
   * Every source over all runs once, in ascending key order, with its events summed: the key
   * words come in one reused array (copy what you keep).
   */
  *merged(): Generator<[Uint32Array, number]> {
    const heap = this.files.map((f) => new RunReader(f.fd, f.bytes, this.words)).filter((r) => r.next());
    const key = new Uint32Array(this.words);
    let have = false;
    let events = 0;
    heapify(heap);
    while (heap.length > 0) {
      const top = heap[0] as RunReader;
      if (have && compareKeys(key, top.key) === 0) events += top.events;
      else {
        if (have) yield [key, events];
        key.set(top.key);
        events = top.events;
        have = true;
      }
      if (top.next()) siftDown(heap, 0);
      else {
        const last = heap.pop() as RunReader;
        if (heap.length > 0) {
          heap[0] = last;
          siftDown(heap, 0);
        }
      }
    }
    if (have) yield [key, events];
  }

  /** Closes the runs (their files are already unlinked: the space comes back now). */
  dispose(): void {
    for (const f of this.files) closeSync(f.fd);
    this.files.length = 0;
  }
}

function compareKeys(a: Uint32Array, b: Uint32Array): number {
  for (let w = 0; w < a.length; w++) {
    const d = (a[w] ?? 0) - (b[w] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** One run read forward a record at a time through a 64 KB buffer. */
class RunReader {
  readonly key: Uint32Array;
  events = 0;
  private readonly buf = Buffer.allocUnsafe(IO_BYTES);
  private readonly recordBytes: number;
  private pos = 0;
  private end = 0;
  private offset = 0; // in the file, of the byte after buf[end - 1]

  constructor(
    private readonly fd: number,
    private readonly bytes: number,
    words: number,
  ) {
    this.key = new Uint32Array(words);
    this.recordBytes = 4 * words + 8;
  }

  /** Moves to the next record; false at the end of the run. */
  next(): boolean {
    if (this.pos + this.recordBytes > this.end) {
      // Whole records only are ever written, so what is left is a record's start.
      const left = this.end - this.pos;
      this.buf.copy(this.buf, 0, this.pos, this.end);
      const want = Math.min(this.buf.length - left, this.bytes - this.offset);
      const got = want > 0 ? readSync(this.fd, this.buf, left, want, this.offset) : 0;
      this.offset += got;
      this.pos = 0;
      this.end = left + got;
      if (this.end < this.recordBytes) return false;
    }
    let o = this.pos;
    for (let w = 0; w < this.key.length; w++, o += 4) this.key[w] = this.buf.readUInt32LE(o);
    this.events = this.buf.readDoubleLE(o);
    this.pos += this.recordBytes;
    return true;
  }
}

function heapify(h: RunReader[]): void {
  for (let i = (h.length >> 1) - 1; i >= 0; i--) siftDown(h, i);
}

function siftDown(h: RunReader[], i: number): void {
  const n = h.length;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= n) return;
    const r = l + 1;
    const c = r < n && compareKeys((h[r] as RunReader).key, (h[l] as RunReader).key) < 0 ? r : l;
    if (compareKeys((h[c] as RunReader).key, (h[i] as RunReader).key) >= 0) return;
    const t = h[c] as RunReader;
    h[c] = h[i] as RunReader;
    h[i] = t;
    i = c;
  }
}
