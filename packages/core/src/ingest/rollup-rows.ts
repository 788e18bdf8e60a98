import { formatIpv4 } from "../events/parse-ipv4.ts";
import { formatIpv6 } from "../net/format-ip.ts";
import { ACTIONS, PORT_EXACT_BOUND } from "../rollup/rollup-constants.ts";
import { addToPortSketch, createPortSketch } from "../rollup/port-sketch.ts";
import type { ParsedRecord } from "./parsed-record.ts";
import {
  FIRST_PAGE_ROWS,
  FIRST_POOL_ENTRIES,
  PAGE_MASK,
  PAGE_SHIFT,
  POOL,
  POOL_PAGE_MASK,
  POOL_PAGE_SHIFT,
  PROTO_ICMP,
  PROTO_OTHER,
  PROTO_TCP,
  ROW_CONTINUED,
  ROW_SHIFT,
  ROW_V6,
  W_ALERT,
  W_ALLOW,
  W_AUTH,
  W_BLOCK,
  W_DISTINCT,
  W_FIRST,
  W_FLAGS,
  W_IP,
  W_LAST,
  W_POOL,
  W_PORT0,
  W_PORT0_BLOCKED,
  W_PORT0_COUNT,
  W_TCP,
  protoCode,
} from "./rollup-row-layout.ts";
import { dayString } from "../day/day-number.ts";

export { PROTO_NONE, PROTO_OTHER, ROW_CONTINUED, ROW_V6, protoCode } from "./rollup-row-layout.ts";

/**
 * The rows of one UTC day: typed arrays, no per-event garbage. Rows are found by slot number
 * (the day's tables map addresses to slots); rollup objects are only built when asked for.
 */
export class RollupRows {
  private readonly pages: Uint32Array[] = [new Uint32Array(FIRST_PAGE_ROWS << ROW_SHIFT)];
  // Four words per IPv6 row, the address text only built when a rollup is.
  private v6Words = new Uint32Array(0);
  private v6n = 0;
  private readonly v6SlotList: number[] = [];
  private readonly otherProto = new Map<number, Map<string, number>>();
  private readonly sketches = new Map<number, Uint8Array>();
  private readonly pool: Uint32Array[] = [new Uint32Array(POOL * FIRST_POOL_ENTRIES)];
  private pn = 0;
  private dayTextCache: string | undefined;
  /** Rows used; the next new row's slot. */
  n = 0;

  constructor(readonly day: number) {}

  /** Bytes the rows hold (their pages, port entries, IPv6 addresses and sketches), about. */
  get bytes(): number {
    let b = this.v6Words.byteLength + this.sketches.size * 256;
    for (const p of this.pages) b += p.byteLength;
    for (const p of this.pool) b += p.byteLength;
    return b;
  }

  page(s: number): Uint32Array {
    const page = this.pages[s >>> PAGE_SHIFT];
    if (page === undefined) throw new Error(`rollup slot ${s} out of range`);
    return page;
  }

  /** The page that will hold the next row (slot n), grown or added as needed. */
  private nextRowPage(): Uint32Array {
    const s = this.n;
    const p = s >>> PAGE_SHIFT;
    const o = (s & PAGE_MASK) << ROW_SHIFT;
    let page = this.pages[p];
    if (page === undefined) this.pages.push((page = new Uint32Array(16 << PAGE_SHIFT)));
    else if (o >= page.length) {
      const grown = new Uint32Array(Math.min(2 * page.length, 16 << PAGE_SHIFT));
      grown.set(page);
      this.pages[p] = page = grown;
    }
    return page;
  }

  /** The pool page that will hold the next entry (index pn), grown or added as needed. */
  private nextPoolPage(): Uint32Array {
    const i = this.pn;
    const p = i >>> POOL_PAGE_SHIFT;
    const at = POOL * (i & POOL_PAGE_MASK);
    let pool = this.pool[p];
    if (pool === undefined) this.pool.push((pool = new Uint32Array(POOL << POOL_PAGE_SHIFT)));
    else if (at >= pool.length) {
      const grown = new Uint32Array(Math.min(2 * pool.length, POOL << POOL_PAGE_SHIFT));
      grown.set(pool);
      this.pool[p] = pool = grown;
    }
    return pool;
  }

  /** Starts a row for a new source; returns its slot. */
  newRow(ipv4: number, v6: ArrayLike<number> | null, flags: number, ms: number): number {
    const page = this.nextRowPage();
    const s = this.n++;
    const o = (s & PAGE_MASK) << ROW_SHIFT;
    if (v6 === null) page[o + W_IP] = ipv4;
    else {
      const i = this.v6n++;
      if (4 * i >= this.v6Words.length) {
        const grown = new Uint32Array(Math.max(64, 2 * this.v6Words.length));
        grown.set(this.v6Words);
        this.v6Words = grown;
      }
      for (let w = 0; w < 4; w++) this.v6Words[4 * i + w] = v6[w] ?? 0;
      page[o + W_IP] = i;
      flags |= ROW_V6;
      this.v6SlotList.push(s);
    }
    page[o + W_FLAGS] = flags;
    page[o + W_FIRST] = ms;
    page[o + W_LAST] = ms;
    return s;
  }

  /** Pool entries used: where entries appended by importRows start. */
  get poolCount(): number {
    return this.pn;
  }

  /**
   * Appends rows built elsewhere in this same layout (the WebAssembly kernel's, see
   * kernel-rollups.ts), already pointing at pool entries numbered from poolCount on: `rows` holds
   * whole rows of 16 words in chunks, `pool` their port entries in chunks, `sketchOf` the
   * (row, 256-byte sketch) pairs, `other` other protocols per row index.
   */
  importRows(
    rows: Uint32Array[],
    pool: Uint32Array[],
    sketchOf: [number, Uint8Array][],
    other: Map<number, Map<string, number>> | undefined,
  ): void {
    for (const chunk of pool) {
      for (let e = 0; e < chunk.length;) {
        const page = this.nextPoolPage();
        const at = POOL * (this.pn & POOL_PAGE_MASK);
        const fit = Math.min(chunk.length - e, page.length - at);
        page.set(chunk.subarray(e, e + fit), at);
        this.pn += fit / POOL;
        e += fit;
      }
    }
    const base = this.n;
    for (const chunk of rows) {
      for (let w = 0; w < chunk.length;) {
        const page = this.nextRowPage();
        const at = (this.n & PAGE_MASK) << ROW_SHIFT;
        const fit = Math.min(chunk.length - w, page.length - at);
        page.set(chunk.subarray(w, w + fit), at);
        this.n += fit >>> ROW_SHIFT;
        w += fit;
      }
    }
    for (const [row, sketch] of sketchOf) this.sketches.set(base + row, sketch);
    if (other) for (const [row, protocols] of other) this.otherProto.set(base + row, protocols);
  }

  /** Slots of the IPv6 rows. */
  v6Slots(): readonly number[] {
    return this.v6SlotList;
  }

  flags(s: number): number {
    return this.page(s)[((s & PAGE_MASK) << ROW_SHIFT) + W_FLAGS] ?? 0;
  }

  /** Row s turned out to continue one already handed over (settled after it started). */
  markContinued(s: number): void {
    const page = this.page(s);
    const o = ((s & PAGE_MASK) << ROW_SHIFT) + W_FLAGS;
    page[o] = (page[o] ?? 0) | ROW_CONTINUED;
  }

  /** Events of a row (the sum of its action counts). */
  events(s: number): number {
    const row = this.page(s);
    const o = (s & PAGE_MASK) << ROW_SHIFT;
    return (
      (row[o + W_BLOCK] ?? 0) + (row[o + W_ALLOW] ?? 0) + (row[o + W_ALERT] ?? 0) + (row[o + W_AUTH] ?? 0)
    );
  }

  /**
   * Per IPv4 row, in slot order: its address and its events (IPv6 rows are in v6Slots()). One
   * sequential pass over the pages, for totals per source.
   */
  v4Totals(): { ipv4: Uint32Array; events: Float64Array; v4: number } {
    const ipv4 = new Uint32Array(this.n);
    const events = new Float64Array(this.n);
    let k = 0;
    for (let s = 0; s < this.n;) {
      const page = this.page(s);
      const end = Math.min(this.n, (s | PAGE_MASK) + 1);
      for (let o = (s & PAGE_MASK) << ROW_SHIFT; s < end; s++, o += 16) {
        if (((page[o + W_FLAGS] ?? 0) & ROW_V6) !== 0) continue;
        ipv4[k] = page[o + W_IP] ?? 0;
        events[k++] =
          (page[o + W_BLOCK] ?? 0) +
          (page[o + W_ALLOW] ?? 0) +
          (page[o + W_ALERT] ?? 0) +
          (page[o + W_AUTH] ?? 0);
      }
    }
    return { ipv4, events, v4: k };
  }

  /** Adds one parsed event (at `ms` past this day's midnight) to row `s`. */
  add(s: number, ms: number, r: ParsedRecord): void {
    this.addCounts(s, ms, ACTIONS.indexOf(r.action), protoCode(r.proto), r.proto, r.dstPort, r.count);
  }

  /**
   * Adds `count` events to row `s`: `action` indexes ACTIONS, `proto` is PROTO_NONE..PROTO_OTHER
   * (`protoText` names an other one), `port` is the destination port or -1.
   */
  addCounts(
    s: number,
    ms: number,
    action: number,
    proto: number,
    protoText: string,
    port: number,
    count: number,
  ): void {
    const row = this.page(s);
    const o = (s & PAGE_MASK) << ROW_SHIFT;
    if (ms < (row[o + W_FIRST] ?? 0)) row[o + W_FIRST] = ms;
    if (ms > (row[o + W_LAST] ?? 0)) row[o + W_LAST] = ms;
    const a = W_BLOCK + action;
    row[o + a] = (row[o + a] ?? 0) + count;
    if (proto >= PROTO_TCP && proto <= PROTO_ICMP) {
      const pw = W_TCP + proto - PROTO_TCP;
      row[o + pw] = (row[o + pw] ?? 0) + count;
    } else if (proto === PROTO_OTHER) {
      let other = this.otherProto.get(s);
      if (!other) this.otherProto.set(s, (other = new Map<string, number>()));
      other.set(protoText, (other.get(protoText) ?? 0) + count);
    }
    if (port < 0) return;
    const hostile = a === W_BLOCK || a === W_ALERT ? count : 0;
    const p0 = row[o + W_PORT0] ?? 0;
    if (p0 === port + 1) {
      row[o + W_PORT0_COUNT] = (row[o + W_PORT0_COUNT] ?? 0) + count;
      row[o + W_PORT0_BLOCKED] = (row[o + W_PORT0_BLOCKED] ?? 0) + hostile;
    } else if (p0 === 0) {
      row[o + W_PORT0] = port + 1;
      row[o + W_PORT0_COUNT] = count;
      row[o + W_PORT0_BLOCKED] = hostile;
      row[o + W_DISTINCT] = 1;
    } else this.addPooledPort(s, row, o, port, count, hostile);
  }

  private addPooledPort(
    s: number,
    row: Uint32Array,
    o: number,
    port: number,
    n: number,
    hostile: number,
  ): void {
    for (let e = row[o + W_POOL] ?? 0; e !== 0;) {
      const pool = this.poolPage(e);
      const at = POOL * ((e - 1) & POOL_PAGE_MASK);
      if (pool[at] === port) {
        pool[at + 1] = (pool[at + 1] ?? 0) + n;
        pool[at + 2] = (pool[at + 2] ?? 0) + hostile;
        return;
      }
      e = pool[at + 3] ?? 0;
    }
    const distinct = row[o + W_DISTINCT] ?? 0;
    if (distinct < PORT_EXACT_BOUND) {
      const pool = this.nextPoolPage();
      const i = this.pn++;
      const at = POOL * (i & POOL_PAGE_MASK);
      pool[at] = port;
      pool[at + 1] = n;
      pool[at + 2] = hostile;
      pool[at + 3] = row[o + W_POOL] ?? 0;
      row[o + W_POOL] = this.pn;
      row[o + W_DISTINCT] = distinct + 1;
      return;
    }
    let sketch = this.sketches.get(s);
    if (!sketch) {
      // Crossing the bound: seed the sketch with every port seen exactly so far.
      sketch = createPortSketch();
      for (const [p] of this.portEntries(row, o)) addToPortSketch(sketch, p);
      this.sketches.set(s, sketch);
    }
    addToPortSketch(sketch, port);
  }

  /** The pool page holding entry `e` (1-based). */
  poolPage(e: number): Uint32Array {
    const page = this.pool[(e - 1) >>> POOL_PAGE_SHIFT];
    if (page === undefined) throw new Error(`port pool entry ${e} out of range`);
    return page;
  }

  /** [port, count, blocked] of every exactly counted port of a row, unordered. */
  private portEntries(row: Uint32Array, o: number): [number, number, number][] {
    const out: [number, number, number][] = [];
    const p0 = row[o + W_PORT0] ?? 0;
    if (p0 !== 0) out.push([p0 - 1, row[o + W_PORT0_COUNT] ?? 0, row[o + W_PORT0_BLOCKED] ?? 0]);
    for (let e = row[o + W_POOL] ?? 0; e !== 0;) {
      const pool = this.poolPage(e);
      const at = POOL * ((e - 1) & POOL_PAGE_MASK);
      out.push([pool[at] ?? 0, pool[at + 1] ?? 0, pool[at + 2] ?? 0]);
      e = pool[at + 3] ?? 0;
    }
    return out;
  }

  /** The IPv4 number of a row (meaningless for an IPv6 row). */
  ipv4(s: number): number {
    return this.page(s)[((s & PAGE_MASK) << ROW_SHIFT) + W_IP] ?? 0;
  }

  /** "YYYY-MM-DD" of this day. */
  get dayText(): string {
    return (this.dayTextCache ??= dayString(this.day));
  }

  /** Protocols of row `s` other than tcp, udp and icmp, with their events. */
  otherProtocols(s: number): ReadonlyMap<string, number> | undefined {
    return this.otherProto.get(s);
  }

  /** Row `s`'s port sketch, once it has more distinct ports than are counted exactly. */
  sketch(s: number): Uint8Array | undefined {
    return this.sketches.get(s);
  }

  /** The canonical address text of a row. */
  ipOf(s: number): string {
    const row = this.page(s);
    const o = (s & PAGE_MASK) << ROW_SHIFT;
    const w = row[o + W_IP] ?? 0;
    return ((row[o + W_FLAGS] ?? 0) & ROW_V6) !== 0 ? formatIpv6(this.v6Words, 4 * w) : formatIpv4(w);
  }

  /** The four words of an IPv6 row's address. */
  v6Of(s: number): Uint32Array {
    const i = this.ipv4(s);
    return this.v6Words.subarray(4 * i, 4 * i + 4);
  }
}
