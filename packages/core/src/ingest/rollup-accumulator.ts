import { formatIpv4 } from "../events/parse-ipv4.ts";
import type { TIpDayRollup } from "../rollup/ip-day-rollup.ts";
import { Ipv4SlotTable } from "./ipv4-slot-table.ts";
import type { ParsedRecord } from "./parsed-record.ts";
import { ROW_CONTINUED, ROW_V6, RollupRows } from "./rollup-rows.ts";
import type { TRollupBatch } from "./rollup-sink.ts";

const DAY_MS = 86_400_000;
// Slot of a (day, IP) whose row was already handed over; a late line then starts a new row.
const CLOSED = 0xfffffffe;
// A day moves the watermark only once it has this many events, so one line with a wild clock
// does not close every day before it.
const ADVANCE_EVENTS = 256;
// Late rows of a day already handed over wait for the end unless they become this many.
const LATE_ROWS = 4096;

/** One UTC day: address -> slot tables (kept after the rows leave) and the current rows. */
class Day {
  readonly table = new Ipv4SlotTable(256);
  readonly v6 = new Map<string, number>();
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
 * goes on; what stays per handed-over day is its address table, 11-23 bytes per IPv4 source,
 * so that late lines are recognised and the (day, IP) count stays exact.
 */
export class RollupAccumulator {
  private readonly days = new Map<number, Day>();
  private lastDay = Number.NaN;
  private last = new Day(Number.NaN);
  private watermark = Number.NEGATIVE_INFINITY;
  // Distinct sources and their events, filled as rows leave (or at the end): one probe per row.
  private readonly v4Sources = new Ipv4SlotTable();
  private v4Events = new Float64Array(1024);
  private readonly v6Sources = new Map<string, number>();
  private folded = false;
  /** Distinct (day, source) pairs. */
  size = 0;
  firstSeen = Number.POSITIVE_INFINITY;
  lastSeen = Number.NEGATIVE_INFINITY;

  private dayOf(day: number): Day {
    let d = this.days.get(day);
    if (d === undefined) this.days.set(day, (d = new Day(day)));
    this.lastDay = day;
    this.last = d;
    return d;
  }

  add(r: ParsedRecord): void {
    const t = r.timeMs;
    const day = Math.floor(t / DAY_MS);
    const ms = t - day * DAY_MS;
    const d = day === this.lastDay ? this.last : this.dayOf(day);
    if (++d.events === ADVANCE_EVENTS && day > this.watermark) this.watermark = day;
    const rows = d.rows;
    let s: number;
    if (r.srcV4 >= 0) {
      const ip = r.srcV4;
      const next = rows.n;
      s = d.table.findOrAdd(ip, next);
      if (s === next) {
        rows.newRow(ip, null, 0, ms);
        this.size++;
      } else if (s === CLOSED) {
        s = rows.newRow(ip, null, ROW_CONTINUED, ms);
        d.table.set(ip, s);
      }
    } else {
      const found = d.v6.get(r.src);
      if (found === undefined) {
        d.v6.set(r.src, (s = rows.newRow(0, r.src, 0, ms)));
        this.size++;
      } else if (found === CLOSED) d.v6.set(r.src, (s = rows.newRow(0, r.src, ROW_CONTINUED, ms)));
      else s = found;
    }
    rows.add(s, ms, r);
    if (t < this.firstSeen) this.firstSeen = t;
    if (t > this.lastSeen) this.lastSeen = t;
  }

  /** Adds every row's events to its source's total (rows in slot order: sequential memory). */
  private fold(rows: RollupRows): void {
    for (let s = 0; s < rows.n; s++) {
      const events = rows.events(s);
      if ((rows.flags(s) & ROW_V6) !== 0) {
        const ip = rows.ipOf(s);
        this.v6Sources.set(ip, (this.v6Sources.get(ip) ?? 0) + events);
        continue;
      }
      const i = this.v4Sources.findOrAdd(rows.ipv4(s), this.v4Sources.size);
      if (i >= this.v4Events.length) {
        const grown = new Float64Array(2 * this.v4Events.length);
        grown.set(this.v4Events);
        this.v4Events = grown;
      }
      this.v4Events[i] = (this.v4Events[i] ?? 0) + events;
    }
  }

  /**
   * Hands over, as batches, the rows of every day the log has moved `lagDays` past (late rows
   * of an already handed-over day only once there are many), or of every day when `all`.
   */
  takeDue(lagDays: number, all: boolean): TRollupBatch[] {
    const out: TRollupBatch[] = [];
    const due = [...this.days.values()].filter(
      (d) =>
        d.rows.n > 0 &&
        (all || (d.day <= this.watermark - lagDays && (!d.handedOver || d.rows.n >= LATE_ROWS))),
    );
    for (const d of due.sort((a, b) => a.day - b.day)) {
      const rows = d.rows;
      this.fold(rows);
      let continued = 0;
      for (let s = 0; s < rows.n; s++) if ((rows.flags(s) & ROW_CONTINUED) !== 0) continued++;
      d.table.setAll(CLOSED);
      for (const k of d.v6.keys()) d.v6.set(k, CLOSED);
      d.rows = new RollupRows(d.day);
      d.handedOver = true;
      if (continued < rows.n) out.push(batchOf(rows, rows.n - continued, false));
      if (continued > 0) out.push(batchOf(rows, continued, true));
    }
    return out;
  }

  /** Counts the sources of rows still held (call once, at the end). */
  finish(): void {
    if (this.folded) return;
    this.folded = true;
    for (const d of this.days.values()) this.fold(d.rows);
  }

  /** Distinct source addresses over all days (after `finish`). */
  countSources(): number {
    return this.v4Sources.size + this.v6Sources.size;
  }

  /** [address, events] of every source (after `finish`), unordered. */
  *sources(): Generator<[string, number]> {
    for (const ip of this.v4Sources.keys())
      yield [formatIpv4(ip), this.v4Events[this.v4Sources.get(ip)] ?? 0];
    yield* this.v6Sources;
  }

  /**
   * Rollups still held, ordered by day, then IPv4 numerically, then IPv6 text, built one at a
   * time so a caller can write them in batches without holding all.
   */
  *rollups(): Generator<TIpDayRollup> {
    const days = [...this.days.values()].sort((a, b) => a.day - b.day);
    for (const d of days) for (const s of d.rows.sortedSlots(null)) yield d.rows.materialise(s);
  }
}

function batchOf(rows: RollupRows, size: number, continued: boolean): TRollupBatch {
  return {
    day: new Date(rows.day * DAY_MS).toISOString().slice(0, 10),
    continued,
    size,
    // Sorted only when iterated: a sink that just counts pays nothing.
    rollups: function* () {
      for (const s of rows.sortedSlots(continued)) yield rows.materialise(s);
    },
    encoded: function* () {
      for (const s of rows.sortedSlots(continued)) yield rows.encode(s);
    },
  };
}
