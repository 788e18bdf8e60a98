import type { TKernelExports } from "./kernel-exports.ts";
import { PROTO_NONE, PROTO_OTHER, type RollupRows } from "./rollup-rows.ts";
import type { SourceRuns } from "./source-runs.ts";
import { ClosedRuns } from "./closed-runs.ts";

const ROW_WORDS = 16;
const POOL_WORDS = 4;
const SKETCH_BYTES = 256;

export type TKernelDay = { index: number; day: number; events: number; rows: number };

/**
 * The IPv4 (day, source) rows the WebAssembly kernel keeps (assembly/day-rows.ts). While a
 * kernel runs, every IPv4 event goes there, whichever parser read it, so each (day, address)
 * has one row; a day's rows are moved into a RollupRows when the day leaves.
 */
export class KernelRollups {
  // Protocols the kernel does not count by name, per day number and kernel row.
  private readonly other = new Map<number, Map<number, Map<string, number>>>();
  // Closed lists set aside on disk, by kernel day index.
  private readonly closed = new ClosedRuns(1);

  constructor(private readonly x: TKernelExports) {}

  /** One or more events of an IPv4 source, as RollupRows.addCounts takes them. */
  add(
    day: number,
    ms: number,
    ip: number,
    port: number,
    proto: number,
    protoText: string,
    action: number,
    count: number,
  ): void {
    const slot = this.x.addEvent(
      day,
      ms,
      ip,
      port,
      proto === PROTO_OTHER ? PROTO_NONE : proto,
      action,
      count,
    );
    if (proto !== PROTO_OTHER) return;
    let rows = this.other.get(day);
    if (!rows) this.other.set(day, (rows = new Map<number, Map<string, number>>()));
    let protocols = rows.get(slot);
    if (!protocols) rows.set(slot, (protocols = new Map<string, number>()));
    protocols.set(protoText, (protocols.get(protoText) ?? 0) + count);
  }

  /** Distinct (day, source) pairs counted so far. */
  get pairs(): number {
    return this.x.pairs();
  }
  get firstSeen(): number {
    return this.x.firstSeen();
  }
  get lastSeen(): number {
    return this.x.lastSeen();
  }

  /** Every day the kernel has seen, with its events and the rows it holds now. */
  days(): TKernelDay[] {
    const x = this.x;
    const out: TKernelDay[] = [];
    for (let i = 0; i < x.dayCount(); i++)
      out.push({ index: i, day: x.dayNumber(i), events: x.dayEvents(i), rows: x.dayRows(i) });
    return out;
  }

  /**
   * Appends the rows of kernel day `index` to `into` and empties the day in the kernel, which
   * adds them to its source totals and starts continued rows for late lines of their addresses.
   */
  moveDay(index: number, into: RollupRows): void {
    const x = this.x;
    this.settle(index);
    // First: it turns port blocks back into pool entries, so the pool's size is read after it.
    const sketchRows = x.prepareExport(index, into.poolCount);
    const n = x.dayRows(index);
    const pn = x.dayPool(index);
    const buffer = x.memory.buffer;
    const rows = pages(n, x.dayRowsPerPage(), ROW_WORDS, (k) => x.dayRowPageAt(index, k), buffer);
    const pool = pages(pn, x.dayPoolPerPage(), POOL_WORDS, (k) => x.dayPoolPageAt(index, k), buffer);
    const list = new Uint32Array(buffer, x.sketchListAt(), 2 * sketchRows);
    const sketches = x.daySketchesAt(index);
    const sketchOf: [number, Uint8Array][] = [];
    for (let k = 0; k < sketchRows; k++) {
      const at = sketches + (list[2 * k + 1] ?? 0) * SKETCH_BYTES;
      sketchOf.push([list[2 * k] ?? 0, new Uint8Array(buffer.slice(at, at + SKETCH_BYTES))]);
    }
    const day = x.dayNumber(index);
    into.importRows(rows, pool, sketchOf, this.other.get(day));
    this.other.delete(day);
    x.closeDay(index);
  }

  /**
   * Empties kernel day `index` without copying its rows out (for a sink that only counts), as
   * moveDay does otherwise; returns how many rows it held and how many of those continue rows
   * handed over earlier.
   */
  dropDay(index: number): { rows: number; continued: number } {
    const x = this.x;
    this.settle(index);
    const held = { rows: x.dayRows(index), continued: x.dayContinued(index) };
    this.other.delete(x.dayNumber(index));
    x.closeDay(index);
    return held;
  }

  /** Bytes the kernel's current rows hold, all days together. */
  get heldBytes(): number {
    return this.x.heldBytes();
  }

  /** Distinct sources of the rows moved out so far. */
  get sourceCount(): number {
    return this.x.sourceCount();
  }

  /** Bytes the source totals hold. */
  get sourceBytes(): number {
    return this.x.sourceBytes();
  }

  /**
   * IPv4 numbers (ascending) and events of every source of the rows moved out so far: views of
   * the kernel's memory, valid until it next runs.
   */
  sources(): { ips: Uint32Array; events: Float64Array } {
    const x = this.x;
    const n = x.sourceCount();
    return {
      ips: new Uint32Array(x.memory.buffer, x.sourceIpsAt(), n),
      events: new Float64Array(x.memory.buffer, x.sourceEventsAt(), n),
    };
  }

  /** Bytes the closed lists in memory hold (closed-spill.ts). */
  get closedBytes(): number {
    return this.x.closedBytes();
  }

  /** Sets kernel day `index`'s closed list in memory aside on disk, as one more run. */
  spillClosed(index: number): void {
    const x = this.x;
    const n = x.dayClosedN(index);
    if (n === 0) return;
    this.closed.put(index, new Uint32Array(x.memory.buffer, x.dayClosedAt(index), n));
    x.dropClosed(index);
  }

  /**
   * Settles kernel day `index`'s rows started while part of its closed list was on disk: those
   * whose address is there continue a row handed over, the others are new (day, source) pairs.
   */
  private settle(index: number): void {
    const x = this.x;
    const n = x.dayUnresolved(index);
    if (n === 0) return;
    // Records of two words, sorted by address: [row << 1 | in the list, address].
    const at = x.unresolvedAt(index); // first: it may grow the memory
    const records = new Uint32Array(x.memory.buffer, at, 2 * n);
    this.closed.mark(index, records, n, 2, 1, (j) => {
      records[2 * j] = (records[2 * j] ?? 0) | 1;
    });
    x.settleUnresolved(index);
  }

  /** Gives back the disk space of the closed lists set aside. */
  dispose(): void {
    this.closed.dispose();
  }

  /** Writes the source totals to `runs` as one run (they are sorted already) and empties them. */
  spillSources(runs: SourceRuns): void {
    const { ips, events } = this.sources();
    runs.writeSorted(ips, events);
    this.x.sourcesReset();
  }
}

/** Views of the pages holding `n` records of `words` u32 each, `perPage` to a page. */
function pages(
  n: number,
  perPage: number,
  words: number,
  pageAt: (k: number) => number,
  buffer: ArrayBufferLike,
): Uint32Array[] {
  const out: Uint32Array[] = [];
  for (let k = 0; k * perPage < n; k++)
    out.push(new Uint32Array(buffer, pageAt(k), Math.min(perPage, n - k * perPage) * words));
  return out;
}
