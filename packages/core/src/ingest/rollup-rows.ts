import { formatIpv4 } from "../events/parse-ipv4.ts";
import { formatIpv6 } from "../net/format-ip.ts";
import {
  ACTIONS,
  PORT_EXACT_BOUND,
  type TIpDayRollup,
  type TIpDayRollupJson,
} from "../rollup/ip-day-rollup.ts";
import { addToPortSketch, createPortSketch, estimatePortSketch } from "../rollup/port-sketch.ts";
import type { ParsedRecord } from "./parsed-record.ts";
import { ipv4TextKey, sortSlotsByKey } from "./sort-slots.ts";

const DAY_MS = 86_400_000;

// One row of 16 uint32 words (64 bytes, one cache line) per source of one day. The event count
// is not stored: every event adds to exactly one action, so it is their sum. The first port
// lives in the row (most sources touch one port a day); further ports go to the port pool.
const ROW_SHIFT = 4;
const W_IP = 0; // IPv4 number, or index of the address in v6Words
const W_FLAGS = 1; // ROW_V6 | ROW_CONTINUED
const W_FIRST = 2; // ms since the day's midnight
const W_LAST = 3;
const W_BLOCK = 4;
const W_ALLOW = 5;
const W_ALERT = 6;
const W_AUTH = 7;
const W_TCP = 8;
const W_UDP = 9;
const W_ICMP = 10;
const W_PORT0 = 11; // port + 1, 0 = none
const W_PORT0_COUNT = 12;
const W_PORT0_BLOCKED = 13;
const W_POOL = 14; // first pool entry + 1, 0 = none
const W_DISTINCT = 15; // ports counted exactly (row + pool)
// Rows live in fixed pages rather than one doubling array: growing never copies, and never
// holds an old and a new copy of the whole table at once (the memory peak). The first page
// starts small and doubles up to a full page, so a day with a handful of sources stays small.
const PAGE_SHIFT = 13;
const PAGE_MASK = (1 << PAGE_SHIFT) - 1;
const FIRST_PAGE_ROWS = 64;
// Pool entry: port, count, blocked count, next entry + 1; in fixed pages too (no doubling copy).
const POOL = 4;
const POOL_PAGE_SHIFT = 14;
const POOL_PAGE_MASK = (1 << POOL_PAGE_SHIFT) - 1;
const FIRST_POOL_ENTRIES = 64;

// Protocol codes of addCounts (the WebAssembly kernel uses the first four too).
export const PROTO_NONE = 0;
export const PROTO_TCP = 1;
export const PROTO_UDP = 2;
export const PROTO_ICMP = 3;
export const PROTO_OTHER = 4;

/** The protocol code of a normalised protocol name ("" = none). */
export function protoCode(proto: string): number {
  return proto === "tcp"
    ? PROTO_TCP
    : proto === "udp"
      ? PROTO_UDP
      : proto === "icmp"
        ? PROTO_ICMP
        : proto === ""
          ? PROTO_NONE
          : PROTO_OTHER;
}

export const ROW_V6 = 1;
/** The row continues one already handed to the sink in this run (a late line for a closed day). */
export const ROW_CONTINUED = 2;

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
  private dayText: string | undefined;
  /** Rows used; the next new row's slot. */
  n = 0;

  constructor(readonly day: number) {}

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
  private poolPage(e: number): Uint32Array {
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

  /**
   * Slots in output order, IPv4 numerically then IPv6 by text; only rows whose ROW_CONTINUED
   * flag matches `continued`, unless it is null.
   */
  sortedSlots(continued: boolean | null, byText = false): number[] {
    const v4: number[] = [];
    const v6: number[] = [];
    for (let s = 0; s < this.n; s++) {
      const f = this.flags(s);
      if (continued !== null && ((f & ROW_CONTINUED) !== 0) !== continued) continue;
      ((f & ROW_V6) !== 0 ? v6 : v4).push(s);
    }
    // By text without building it: a few hundred thousand address strings per batch, alive
    // for the whole write, end up as old-generation garbage (tens of MB over a file).
    const sorted = sortSlotsByKey(v4, byText ? (s) => ipv4TextKey(this.ipv4(s)) : (s) => this.ipv4(s));
    const text = v6.map((s) => ({ s, ip: this.ipOf(s) }));
    text.sort((a, b) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0));
    if (!byText) {
      for (const t of text) sorted.push(t.s);
      return sorted;
    }
    // Dotted quads and IPv6 text interleave by their first characters: merge the two lists.
    const out: number[] = [];
    let i = 0;
    for (const t of text) {
      while (i < sorted.length && formatIpv4(this.ipv4(sorted[i] ?? 0)) < t.ip) out.push(sorted[i++] ?? 0);
      out.push(t.s);
    }
    while (i < sorted.length) out.push(sorted[i++] ?? 0);
    return out;
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

  /** Row `s` with its maps as JSON text (the same content as `materialise`, without objects). */
  encode(s: number): TIpDayRollupJson {
    const row = this.page(s);
    const o = (s & PAGE_MASK) << ROW_SHIFT;
    let protocols = "";
    const tcp = row[o + W_TCP] ?? 0;
    const udp = row[o + W_UDP] ?? 0;
    const icmp = row[o + W_ICMP] ?? 0;
    if (tcp !== 0) protocols = member(protocols, "tcp", tcp);
    if (udp !== 0) protocols = member(protocols, "udp", udp);
    if (icmp !== 0) protocols = member(protocols, "icmp", icmp);
    const other = this.otherProto.get(s);
    if (other) {
      const rest = JSON.stringify(Object.fromEntries(other)).slice(1, -1);
      protocols = protocols === "" ? rest : `${protocols},${rest}`;
    }
    const block = row[o + W_BLOCK] ?? 0;
    const allow = row[o + W_ALLOW] ?? 0;
    const alert = row[o + W_ALERT] ?? 0;
    const auth = row[o + W_AUTH] ?? 0;
    let actions = "";
    if (block !== 0) actions = member(actions, "block", block);
    if (allow !== 0) actions = member(actions, "allow", allow);
    if (alert !== 0) actions = member(actions, "alert", alert);
    if (auth !== 0) actions = member(actions, "auth-failure", auth);
    let ports = "";
    let blockedPorts = "";
    const p0 = row[o + W_PORT0] ?? 0;
    let exact = 0;
    if (p0 !== 0) {
      exact = 1;
      ports = member(ports, String(p0 - 1), row[o + W_PORT0_COUNT] ?? 0);
      const b = row[o + W_PORT0_BLOCKED] ?? 0;
      if (b > 0) blockedPorts = member(blockedPorts, String(p0 - 1), b);
    }
    for (let e = row[o + W_POOL] ?? 0; e !== 0;) {
      const pool = this.poolPage(e);
      const at = POOL * ((e - 1) & POOL_PAGE_MASK);
      e = pool[at + 3] ?? 0;
      const port = String(pool[at] ?? 0);
      ports = member(ports, port, pool[at + 1] ?? 0);
      const b = pool[at + 2] ?? 0;
      if (b > 0) blockedPorts = member(blockedPorts, port, b);
      exact++;
    }
    const sketch = this.sketches.get(s);
    const day = (this.dayText ??= new Date(this.day * DAY_MS).toISOString().slice(0, 10));
    return {
      day,
      ip: this.ipOf(s),
      events: block + allow + alert + auth,
      distinctPorts: sketch ? Math.max(exact + 1, estimatePortSketch(sketch)) : exact,
      ports: `{${ports}}`,
      blockedPorts: `{${blockedPorts}}`,
      protocols: `{${protocols}}`,
      actions: `{${actions}}`,
      firstSeen: `${day}T${timeOfDay(row[o + W_FIRST] ?? 0)}Z`,
      lastSeen: `${day}T${timeOfDay(row[o + W_LAST] ?? 0)}Z`,
    };
  }

  /**
   * The rollup object of row `s`. Called for every row that leaves (hundreds of thousands per
   * file), so it avoids closures, Date objects and sorting: integer-like keys of the port maps
   * enumerate in ascending order by themselves.
   */
  materialise(s: number): TIpDayRollup {
    const row = this.page(s);
    const o = (s & PAGE_MASK) << ROW_SHIFT;
    const protocols: Record<string, number> = {};
    const tcp = row[o + W_TCP] ?? 0;
    const udp = row[o + W_UDP] ?? 0;
    const icmp = row[o + W_ICMP] ?? 0;
    if (tcp !== 0) protocols.tcp = tcp;
    if (udp !== 0) protocols.udp = udp;
    if (icmp !== 0) protocols.icmp = icmp;
    const other = this.otherProto.get(s);
    if (other) for (const [k, v] of other) protocols[k] = v;
    const block = row[o + W_BLOCK] ?? 0;
    const allow = row[o + W_ALLOW] ?? 0;
    const alert = row[o + W_ALERT] ?? 0;
    const auth = row[o + W_AUTH] ?? 0;
    const actions: TIpDayRollup["actions"] = {};
    if (block !== 0) actions.block = block;
    if (allow !== 0) actions.allow = allow;
    if (alert !== 0) actions.alert = alert;
    if (auth !== 0) actions["auth-failure"] = auth;
    const ports: Record<string, number> = {};
    const blockedPorts: Record<string, number> = {};
    const p0 = row[o + W_PORT0] ?? 0;
    let exact = 0;
    if (p0 !== 0) {
      exact = 1;
      ports[p0 - 1] = row[o + W_PORT0_COUNT] ?? 0;
      const b = row[o + W_PORT0_BLOCKED] ?? 0;
      if (b > 0) blockedPorts[p0 - 1] = b;
    }
    for (let e = row[o + W_POOL] ?? 0; e !== 0;) {
      const pool = this.poolPage(e);
      const at = POOL * ((e - 1) & POOL_PAGE_MASK);
      e = pool[at + 3] ?? 0;
      const port = pool[at] ?? 0;
      ports[port] = pool[at + 1] ?? 0;
      const b = pool[at + 2] ?? 0;
      if (b > 0) blockedPorts[port] = b;
      exact++;
    }
    const sketch = this.sketches.get(s);
    const day = (this.dayText ??= new Date(this.day * DAY_MS).toISOString().slice(0, 10));
    return {
      day,
      ip: this.ipOf(s),
      events: block + allow + alert + auth,
      distinctPorts: sketch ? Math.max(exact + 1, estimatePortSketch(sketch)) : exact,
      ports,
      blockedPorts,
      protocols,
      actions,
      firstSeen: `${day}T${timeOfDay(row[o + W_FIRST] ?? 0)}Z`,
      lastSeen: `${day}T${timeOfDay(row[o + W_LAST] ?? 0)}Z`,
    };
  }
}

/** Appends `"key":value` to a JSON object body. */
function member(json: string, key: string, value: number): string {
  return `${json === "" ? "" : `${json},`}"${key}":${value}`;
}

const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, "0"));
const THREE_DIGITS = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, "0"));

/** "HH:MM:SS.mmm" of milliseconds past midnight, as Date#toISOString writes it. */
function timeOfDay(ms: number): string {
  const sec = Math.floor(ms / 1000);
  return `${TWO_DIGITS[Math.floor(sec / 3600)] ?? ""}:${TWO_DIGITS[Math.floor(sec / 60) % 60] ?? ""}:${TWO_DIGITS[sec % 60] ?? ""}.${THREE_DIGITS[ms % 1000] ?? ""}`;
}
