import { parseIpv6 } from "../net/parse-ip.ts";
import type { TIpDayRollup } from "../rollup/ip-day-rollup.ts";
import { ACTIONS } from "../rollup/rollup-constants.ts";
import { Ipv4SlotTable } from "./ipv4-slot-table.ts";
import { Ipv6SlotTable } from "./ipv6-slot-table.ts";
import type { KernelRollups, TKernelDay } from "./kernel-rollups.ts";
import type { ParsedRecord } from "./parsed-record.ts";
import { encodeRow, materialiseRow, sortedSlots } from "./rollup-row-output.ts";
import { ROW_CONTINUED, ROW_V6, RollupRows, protoCode } from "./rollup-rows.ts";
import type { TRollupBatch } from "./rollup-sink.ts";
import { ClosedRuns } from "./closed-runs.ts";
import { SourceTally } from "./source-tally.ts";
import { SortedKeys, sortedKeys } from "./sorted-keys.ts";
import { dayString, MS_PER_DAY } from "../day/day-number.ts";

// A day moves the watermark only once it has this many events, so one line with a wild clock
// does not close every day before it.
const ADVANCE_EVENTS = 256;
// Late rows of a day already handed over wait for the end unless they become this many.
const LATE_ROWS = 4096;
// When the rows held (the kernel's and those here) pass this (TRollupSink.maxHeldBytes), every
// day is handed over, the log's current day included: its later lines become continued rows,
// exact as late lines are. Days hand over as the log moves on otherwise, but one day can hold
// any amount: a day of 4.4M lines from 200k sources held ~130 MB of port blocks, and two such
// days took 'mlsec ingest' of 40M lines to 318 MB; at 32 MB it peaks at 222 MB.
const HELD_BYTES = 32 * 1024 * 1024;
// When the closed lists (addresses of rows handed over, 4 bytes per IPv4 and 16 per IPv6 (day,
// source)) in memory pass this, they go to disk, oldest day first: they grow with the input
// otherwise (20M lines of distinct sources: 80 MB), and with a single day's sources too.
const CLOSED_BYTES = 8 * 1024 * 1024;

/**
 * One UTC day: address -> slot tables of its current rows, and the rows. The addresses of rows
 * handed over are kept sorted (4 bytes per IPv4 one, 16 per IPv6 one, where the tables took
 * 11-57), or on disk (ClosedRuns). IPv4 ones only without the kernel, which keeps its own.
 */
class Day {
  table = new Ipv4SlotTable(256);
  v6 = new Ipv6SlotTable();
  readonly v4Closed = new SortedKeys(1);
  readonly v6Closed = new SortedKeys(4);
  // Rows started while part of the closed list was on disk: settled at hand-over (settle).
  v4Unresolved: number[] = [];
  v6Unresolved: number[] = [];
  rows: RollupRows;
  events = 0;
  handedOver = false;
  constructor(readonly day: number) {
    this.rows = new RollupRows(day);
  }
}

/**
 * Streams events into per (UTC day, source IP) rollups. Rows are typed arrays per day, found
 * through one small hash table per day keyed by the IPv4 number, so a million rollups take tens
 * of MB and no per-event garbage. Days can leave memory as batches (`takeDue`) while the stream
 * goes on; what stays per handed-over day is the list of addresses it handed over (4 bytes per
 * IPv4 source, 16 per IPv6 one), so that late lines are recognised and the (day, IP) count
 * stays exact. Past maxClosedBytes the lists go to disk, and rows a day starts meanwhile are
 * settled against them at its next hand-over.
 *
 * With the WebAssembly kernel (`kernel`), IPv4 rows live in the kernel instead, which counts
 * the lines it parses itself and the IPv4 events added here alike; a day's kernel rows join its
 * IPv6 rows when the day leaves. Without it, every row lives here. The results are the same.
 */
export class RollupAccumulator {
  private readonly days = new Map<number, Day>();
  private lastDay = Number.NaN;
  private last = new Day(Number.NaN);
  private watermark = Number.NEGATIVE_INFINITY;
  // Distinct sources and their events, filled as rows leave (or at the end).
  private readonly sources: SourceTally;
  private readonly v4ClosedOut = new ClosedRuns(1);
  private readonly v6ClosedOut = new ClosedRuns(4);
  private readonly v4Key = new Uint32Array(1);
  private readonly v6Key = new Uint32Array(4);
  private folded = false;
  private pairs = 0;
  private first = Number.POSITIVE_INFINITY;
  private lastMs = Number.NEGATIVE_INFINITY;

  /** `maxSourceBytes`: see SourceTally (default SOURCE_BYTES); `maxClosedBytes`: CLOSED_BYTES. */
  constructor(
    private readonly kernel: KernelRollups | null = null,
    maxSourceBytes?: number,
    private readonly maxClosedBytes = CLOSED_BYTES,
  ) {
    this.sources = new SourceTally(kernel, maxSourceBytes);
  }

  /** Distinct (day, source) pairs. */
  get size(): number {
    return this.pairs + (this.kernel?.pairs ?? 0);
  }
  get firstSeen(): number {
    return Math.min(this.first, this.kernel?.firstSeen ?? Number.POSITIVE_INFINITY);
  }
  get lastSeen(): number {
    return Math.max(this.lastMs, this.kernel?.lastSeen ?? Number.NEGATIVE_INFINITY);
  }

  private dayOf(day: number): Day {
    let d = this.days.get(day);
    if (d === undefined) this.days.set(day, (d = new Day(day)));
    this.lastDay = day;
    this.last = d;
    return d;
  }

  add(r: ParsedRecord): void {
    const t = r.timeMs;
    const day = Math.floor(t / MS_PER_DAY);
    const ms = t - day * MS_PER_DAY;
    if (r.srcV4 >= 0 && this.kernel !== null) {
      const proto = protoCode(r.proto);
      this.kernel.add(day, ms, r.srcV4, r.dstPort, proto, r.proto, ACTIONS.indexOf(r.action), r.count);
      return;
    }
    const d = day === this.lastDay ? this.last : this.dayOf(day);
    d.events++;
    const s = r.srcV4 >= 0 ? this.v4Row(d, r.srcV4, ms) : this.v6Row(d, r.src, ms);
    d.rows.add(s, ms, r);
    if (t < this.first) this.first = t;
    if (t > this.lastMs) this.lastMs = t;
  }

  private v4Row(d: Day, ip: number, ms: number): number {
    const rows = d.rows;
    const next = rows.n;
    const s = d.table.findOrAdd(ip, next);
    if (s !== next) return s;
    this.v4Key[0] = ip;
    const handedOver = d.v4Closed.has(this.v4Key);
    rows.newRow(ip, null, handedOver ? ROW_CONTINUED : 0, ms);
    if (!handedOver) this.newPair(d, s, this.v4ClosedOut, d.v4Unresolved);
    return s;
  }

  /**
   * Row s continues none whose address is in memory: a new (day, source) pair, unless the day
   * has addresses on disk too. Searching those per new row would cost reads each time, so the
   * row waits to be settled at hand-over (settle).
   */
  private newPair(d: Day, s: number, out: ClosedRuns, unresolved: number[]): void {
    if (out.has(d.day)) unresolved.push(s);
    else this.pairs++;
  }

  private v6Row(d: Day, text: string, ms: number): number {
    const key = this.v6Key;
    // The parsers store canonical text, so this always parses; text <-> words is one to one.
    if (!parseIpv6(text, key)) throw new Error(`not an IPv6 source: '${text}'`);
    return this.v6KeyRow(d, key, ms);
  }

  private v6KeyRow(d: Day, key: Uint32Array, ms: number): number {
    const rows = d.rows;
    const next = rows.n;
    const s = d.v6.findOrAdd(key, next);
    if (s !== next) return s;
    const handedOver = d.v6Closed.has(key);
    rows.newRow(0, key, handedOver ? ROW_CONTINUED : 0, ms);
    if (!handedOver) this.newPair(d, s, this.v6ClosedOut, d.v6Unresolved);
    return s;
  }

  /**
   * Settles day d's rows started while part of its closed lists was on disk, in one pass over
   * the runs: those found there continue a row handed over, the others are new pairs.
   */
  private settle(d: Day): void {
    const rows = d.rows;
    this.settleRows(rows, d.v4Unresolved, 1, this.v4ClosedOut, d.day, (s, keys, i) => {
      keys[i] = rows.ipv4(s);
    });
    this.settleRows(rows, d.v6Unresolved, 4, this.v6ClosedOut, d.day, (s, keys, i) => {
      keys.set(rows.v6Of(s), 4 * i);
    });
    d.v4Unresolved = [];
    d.v6Unresolved = [];
  }

  private settleRows(
    rows: RollupRows,
    slots: readonly number[],
    width: 1 | 4,
    out: ClosedRuns,
    day: number,
    keyOf: (s: number, keys: Uint32Array, i: number) => void,
  ): void {
    const n = slots.length;
    if (n === 0) return;
    const keys = new Uint32Array(width * n);
    for (let i = 0; i < n; i++) keyOf(slots[i] ?? 0, keys, i);
    const { sorted, order } = sortedKeys(keys, n, width);
    const found = new Uint8Array(n);
    out.mark(day, sorted, n, width, 0, (j) => {
      found[j] = 1;
    });
    for (let j = 0; j < n; j++) {
      if (found[j] === 1) rows.markContinued(slots[order[j] ?? 0] ?? 0);
      else this.pairs++;
    }
  }

  /**
   * One event of an IPv6 source the WebAssembly kernel read: `words` as parseIpv6 (net/) writes
   * them, the rest as RollupRows.addCounts takes it.
   */
  addV6(day: number, ms: number, words: Uint32Array, port: number, proto: number, action: number): void {
    const d = day === this.lastDay ? this.last : this.dayOf(day);
    d.events++;
    d.rows.addCounts(this.v6KeyRow(d, words, ms), ms, action, proto, "", port, 1);
    const t = day * MS_PER_DAY + ms;
    if (t < this.first) this.first = t;
    if (t > this.lastMs) this.lastMs = t;
  }

  /**
   * Adds every row's events to its source's total (the kernel counts its own rows' sources);
   * returns the addresses of the rows that do not continue one, sorted: IPv4 ones (only rows
   * kept here, without a kernel) and IPv6 ones (four words each).
   */
  private fold(rows: RollupRows): { v4: Uint32Array; v6: Uint32Array } {
    let v4 = new Uint32Array(0);
    if (this.kernel === null) {
      const t = rows.v4Totals();
      for (let k = 0; k < t.v4; k++) this.sources.addV4(t.ipv4[k] ?? 0, t.events[k] ?? 0);
      v4 = new Uint32Array(t.v4);
      let n = 0;
      for (let s = 0; s < rows.n; s++) {
        const flags = rows.flags(s);
        if ((flags & (ROW_V6 | ROW_CONTINUED)) === 0) v4[n++] = rows.ipv4(s);
      }
      v4 = v4.subarray(0, n).sort();
    }
    const slots = rows.v6Slots();
    const fresh = new Uint32Array(4 * slots.length);
    let n = 0;
    for (const s of slots) {
      const words = rows.v6Of(s);
      this.sources.addV6(words, rows.events(s));
      if ((rows.flags(s) & ROW_CONTINUED) === 0) fresh.set(words, 4 * n++);
    }
    return { v4, v6: sortedKeys(fresh, n, 4).sorted };
  }

  /**
   * Every day with its rows held here and in the kernel; the watermark moved to the latest day
   * with ADVANCE_EVENTS events so far.
   */
  private survey(): { days: Day[]; held: (d: Day) => number; kernelDay: (d: Day) => TKernelDay | undefined } {
    const kernelDays = new Map((this.kernel?.days() ?? []).map((k) => [k.day, k]));
    for (const k of kernelDays.values()) if (!this.days.has(k.day)) this.days.set(k.day, new Day(k.day));
    const days = [...this.days.values()];
    for (const d of days) {
      const events = d.events + (kernelDays.get(d.day)?.events ?? 0);
      if (events >= ADVANCE_EVENTS && d.day > this.watermark) this.watermark = d.day;
    }
    return {
      days,
      held: (d) => d.rows.n + (kernelDays.get(d.day)?.rows ?? 0),
      kernelDay: (d) => kernelDays.get(d.day),
    };
  }

  /** Brings the kernel's rows of day `d` (if any) into d.rows. */
  private gather(d: Day, k: TKernelDay | undefined): void {
    if (this.kernel !== null && k !== undefined && k.rows > 0) this.kernel.moveDay(k.index, d.rows);
  }

  /**
   * Hands over, as batches, the rows of every day the log has moved `lagDays` past (late rows
   * of an already handed-over day only once there are many), or of every day when `all` or when
   * the rows held pass `maxHeldBytes`. With `countOnly` the batches carry their day and sizes
   * only, and the kernel's rows are never copied out (see TRollupSink.countOnly).
   */
  takeDue(lagDays: number, all: boolean, countOnly = false, maxHeldBytes = HELD_BYTES): TRollupBatch[] {
    const out: TRollupBatch[] = [];
    const { days, held, kernelDay } = this.survey();
    let heldBytes = this.kernel?.heldBytes ?? 0;
    for (const d of days) heldBytes += d.rows.bytes;
    const full = heldBytes > maxHeldBytes;
    const due = days.filter(
      (d) =>
        held(d) > 0 &&
        (all || full || (d.day <= this.watermark - lagDays && (!d.handedOver || held(d) >= LATE_ROWS))),
    );
    for (const d of due.sort((a, b) => a.day - b.day)) {
      const k = kernelDay(d);
      const dropped =
        countOnly && this.kernel !== null && k !== undefined ? this.kernel.dropDay(k.index) : null;
      if (dropped === null) this.gather(d, k);
      this.settle(d);
      const rows = d.rows;
      const fresh = this.fold(rows);
      d.v4Closed.add(fresh.v4);
      d.v6Closed.add(fresh.v6);
      let continued = dropped?.continued ?? 0;
      for (let s = 0; s < rows.n; s++) if ((rows.flags(s) & ROW_CONTINUED) !== 0) continued++;
      const size = rows.n + (dropped?.rows ?? 0);
      // The day the log is in fills its tables again at once: emptied, not doubled up anew
      // (18 MB of garbage per 10M lines for the IPv6 one). Other days get small ones.
      if (d.day === this.watermark) {
        d.table.clear();
        d.v6.clear();
      } else {
        d.table = new Ipv4SlotTable(256);
        d.v6 = new Ipv6SlotTable();
      }
      d.rows = new RollupRows(d.day);
      d.handedOver = true;
      const batch = countOnly ? countBatch : batchOf;
      if (continued < size) out.push(batch(rows, size - continued, false));
      if (continued > 0) out.push(batch(rows, continued, true));
    }
    this.sources.bound();
    // At the end (all) no late line can come: writing lists out then would be for nothing.
    if (!all) this.boundClosed();
    return out;
  }

  /**
   * Past maxClosedBytes, sets the closed lists in memory aside on disk, oldest day first, until
   * under it: a day with a list on disk settles its new rows at hand-over instead of as they
   * start (settle here, settleUnresolved in the kernel), so the day the log is in goes last.
   */
  private boundClosed(): void {
    const kernel = this.kernel;
    let bytes = kernel?.closedBytes ?? 0;
    for (const d of this.days.values()) bytes += d.v4Closed.bytes + d.v6Closed.bytes;
    if (bytes <= this.maxClosedBytes) return;
    const kernelIndex = new Map((kernel?.days() ?? []).map((k) => [k.day, k.index]));
    for (const d of [...this.days.values()].sort((a, b) => a.day - b.day)) {
      if (bytes <= this.maxClosedBytes) return;
      const index = kernelIndex.get(d.day);
      if (kernel !== null && index !== undefined) {
        const before = kernel.closedBytes;
        kernel.spillClosed(index);
        bytes -= before - kernel.closedBytes;
      }
      for (const [list, out] of [
        [d.v4Closed, this.v4ClosedOut],
        [d.v6Closed, this.v6ClosedOut],
      ] as const) {
        if (list.bytes === 0) continue;
        bytes -= list.bytes;
        out.put(d.day, list.view());
        list.clear();
      }
    }
  }

  /** Brings in the kernel's rows and counts the sources of rows still held (call once, at the end). */
  finish(): void {
    if (this.folded) return;
    this.folded = true;
    const { days, kernelDay } = this.survey();
    for (const d of days) {
      this.gather(d, kernelDay(d));
      this.settle(d);
      this.fold(d.rows);
    }
  }

  /** Distinct source addresses over all days (after `finish`). */
  countSources(): number {
    return this.sources.count();
  }

  /** [address, events] of every source (after `finish`), unordered. */
  eachSource(): Generator<[string, number]> {
    return this.sources.entries();
  }

  /** Gives back the disk space of sources written out (SourceTally). */
  dispose(): void {
    this.sources.dispose();
    this.v4ClosedOut.dispose();
    this.v6ClosedOut.dispose();
    this.kernel?.dispose();
  }

  /**
   * Rollups still held, ordered by day, then IPv4 numerically, then IPv6 text, built one at a
   * time so a caller can write them in batches without holding all.
   */
  *rollups(): Generator<TIpDayRollup> {
    const days = [...this.days.values()].sort((a, b) => a.day - b.day);
    for (const d of days) for (const s of sortedSlots(d.rows, null)) yield materialiseRow(d.rows, s);
  }
}

/** A batch for a sink that only counts: its rows were not kept. */
function countBatch(rows: RollupRows, size: number, continued: boolean): TRollupBatch {
  const none = (): never => {
    throw new Error("the rollup sink asked for counts only (countOnly): the rows were not kept");
  };
  return {
    day: dayString(rows.day),
    continued,
    size,
    rollups: none,
    encoded: none,
  };
}

function batchOf(rows: RollupRows, size: number, continued: boolean): TRollupBatch {
  return {
    day: dayString(rows.day),
    continued,
    size,
    // Sorted only when iterated: a sink that just counts pays nothing.
    rollups: function* () {
      for (const s of sortedSlots(rows, continued)) yield materialiseRow(rows, s);
    },
    // Sorted by address text, the order of the (.., day, ip) keys they are stored under: a
    // database then appends to its index instead of inserting all over it (~13% fewer CPU
    // seconds for PostgreSQL's COPY, measured).
    encoded: function* () {
      for (const s of sortedSlots(rows, continued, true)) yield encodeRow(rows, s);
    },
  };
}
