import { formatIpv4 } from "../events/parse-ipv4.ts";
import { PORT_EXACT_BOUND, type TIpDayRollup } from "../rollup/ip-day-rollup.ts";
import { addToPortSketch, createPortSketch, estimatePortSketch } from "../rollup/port-sketch.ts";
import { Ipv4SlotTable } from "./ipv4-slot-table.ts";
import type { ParsedRecord } from "./parsed-record.ts";

const DAY_MS = 86_400_000;

// One row of 16 uint32 words (64 bytes, one cache line) per (day, source) slot. The event count
// is not stored: every event adds to exactly one action, so it is their sum. The first port
// lives in the row (most sources touch one port a day); further ports go to the port pool.
const ROW_SHIFT = 4;
const W_IP = 0; // IPv4 number, or index into v6Text
const W_DAY = 1; // day number * 2, + 1 when the source is IPv6 (read back as int32)
const W_FIRST = 2; // ms since the row's midnight
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
// holds an old and a new copy of the whole table at once (the memory peak).
const PAGE_SHIFT = 13;
const PAGE_MASK = (1 << PAGE_SHIFT) - 1;
// Pool entry: port, count, blocked count, next entry + 1.
const POOL = 4;

/**
 * Streams events into per (UTC day, source IP) rollups. IPv4 sources are found through one
 * small hash table per day keyed by the address alone; state is typed arrays, so a million
 * rollups take tens of MB and no per-event garbage; rollup objects are only built when asked
 * for, one at a time.
 */
export class RollupAccumulator {
  private readonly byDay = new Map<number, Ipv4SlotTable>();
  private lastDay = Number.NaN;
  private lastTable = new Ipv4SlotTable(1);
  private readonly v6 = new Map<string, number>();
  private readonly v6Text: string[] = [];
  private readonly v4Sources = new Ipv4SlotTable();
  private readonly v6Sources = new Set<string>();
  private readonly pages: Uint32Array[] = [];
  private n = 0;
  private readonly otherProto = new Map<number, Map<string, number>>();
  private readonly sketches = new Map<number, Uint8Array>();
  private pool = new Uint32Array(POOL * 1024);
  private pn = 0;
  firstSeen = Number.POSITIVE_INFINITY;
  lastSeen = Number.NEGATIVE_INFINITY;

  get size(): number {
    return this.n;
  }

  private page(s: number): Uint32Array {
    const page = this.pages[s >>> PAGE_SHIFT];
    if (page === undefined) throw new Error(`rollup slot ${s} out of range`);
    return page;
  }

  private tableOf(day: number): Ipv4SlotTable {
    let table = this.byDay.get(day);
    if (table === undefined) this.byDay.set(day, (table = new Ipv4SlotTable()));
    this.lastDay = day;
    this.lastTable = table;
    return table;
  }

  /** A zeroed row for a new slot; returns its page. */
  private newRow(s: number, ipWord: number, dayWord: number, ms: number): Uint32Array {
    const p = s >>> PAGE_SHIFT;
    let page = this.pages[p];
    if (page === undefined) this.pages.push((page = new Uint32Array(16 << PAGE_SHIFT)));
    const o = (s & PAGE_MASK) << ROW_SHIFT;
    page[o + W_IP] = ipWord;
    page[o + W_DAY] = dayWord;
    page[o + W_FIRST] = ms;
    page[o + W_LAST] = ms;
    this.n = s + 1;
    return page;
  }

  add(r: ParsedRecord): void {
    const t = r.timeMs;
    const day = Math.floor(t / DAY_MS);
    const ms = t - day * DAY_MS;
    const n = this.n;
    let s: number;
    let row: Uint32Array;
    if (r.srcV4 >= 0) {
      const ip = r.srcV4;
      const table = day === this.lastDay ? this.lastTable : this.tableOf(day);
      s = table.findOrAdd(ip, n);
      if (s === n) {
        row = this.newRow(s, ip, day * 2, ms);
        this.v4Sources.findOrAdd(ip, 0);
      } else row = this.page(s);
    } else {
      const key = `${day}|${r.src}`;
      const found = this.v6.get(key);
      if (found === undefined) {
        s = n;
        row = this.newRow(s, this.v6Text.length, day * 2 + 1, ms);
        this.v6.set(key, s);
        this.v6Text.push(r.src);
        this.v6Sources.add(r.src);
      } else row = this.page((s = found));
    }
    const o = (s & PAGE_MASK) << ROW_SHIFT;
    if (ms < (row[o + W_FIRST] ?? 0)) row[o + W_FIRST] = ms;
    if (ms > (row[o + W_LAST] ?? 0)) row[o + W_LAST] = ms;
    if (t < this.firstSeen) this.firstSeen = t;
    if (t > this.lastSeen) this.lastSeen = t;
    const count = r.count;
    const action = r.action;
    const a =
      action === "block" ? W_BLOCK : action === "allow" ? W_ALLOW : action === "alert" ? W_ALERT : W_AUTH;
    row[o + a] = (row[o + a] ?? 0) + count;
    const proto = r.proto;
    const pw = proto === "tcp" ? W_TCP : proto === "udp" ? W_UDP : proto === "icmp" ? W_ICMP : -1;
    if (pw >= 0) row[o + pw] = (row[o + pw] ?? 0) + count;
    else if (proto !== "") {
      let other = this.otherProto.get(s);
      if (!other) this.otherProto.set(s, (other = new Map<string, number>()));
      other.set(proto, (other.get(proto) ?? 0) + count);
    }
    const port = r.dstPort;
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
    let pool = this.pool;
    for (let e = row[o + W_POOL] ?? 0; e !== 0; e = pool[POOL * (e - 1) + 3] ?? 0) {
      const at = POOL * (e - 1);
      if (pool[at] === port) {
        pool[at + 1] = (pool[at + 1] ?? 0) + n;
        pool[at + 2] = (pool[at + 2] ?? 0) + hostile;
        return;
      }
    }
    const distinct = row[o + W_DISTINCT] ?? 0;
    if (distinct < PORT_EXACT_BOUND) {
      const at = POOL * this.pn++;
      if (at >= pool.length) {
        const grown = new Uint32Array(2 * pool.length);
        grown.set(pool);
        this.pool = pool = grown;
      }
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

  /** [port, count, blocked] of every exactly counted port of a row, unordered. */
  private portEntries(row: Uint32Array, o: number): [number, number, number][] {
    const out: [number, number, number][] = [];
    const p0 = row[o + W_PORT0] ?? 0;
    if (p0 !== 0) out.push([p0 - 1, row[o + W_PORT0_COUNT] ?? 0, row[o + W_PORT0_BLOCKED] ?? 0]);
    const pool = this.pool;
    for (let e = row[o + W_POOL] ?? 0; e !== 0; e = pool[POOL * (e - 1) + 3] ?? 0) {
      const at = POOL * (e - 1);
      out.push([pool[at] ?? 0, pool[at + 1] ?? 0, pool[at + 2] ?? 0]);
    }
    return out;
  }

  /** Distinct source addresses over all days. */
  countSources(): number {
    return this.v4Sources.size + this.v6Sources.size;
  }

  /**
   * Rollups ordered by day, then IPv4 numerically, then IPv6 text, built one at a time so a
   * caller can write them in batches without holding all. Sorting works one day at a time.
   */
  *rollups(): Generator<TIpDayRollup> {
    const v6ByDay = new Map<number, number[]>();
    for (const s of this.v6.values()) {
      const o = (s & PAGE_MASK) << ROW_SHIFT;
      const day = Math.floor(((this.page(s)[o + W_DAY] ?? 0) | 0) / 2);
      const list = v6ByDay.get(day);
      if (list) list.push(s);
      else v6ByDay.set(day, [s]);
    }
    const days = [...new Set([...this.byDay.keys(), ...v6ByDay.keys()])].sort((a, b) => a - b);
    for (const day of days) {
      const table = this.byDay.get(day);
      if (table) for (const ip of table.keys().sort()) yield this.materialise(table.get(ip));
      const v6 = (v6ByDay.get(day) ?? []).map((s) => ({ s, text: this.v6TextOf(s) }));
      v6.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
      for (const { s } of v6) yield this.materialise(s);
    }
  }

  private v6TextOf(s: number): string {
    return this.v6Text[this.page(s)[((s & PAGE_MASK) << ROW_SHIFT) + W_IP] ?? 0] ?? "";
  }

  private materialise(s: number): TIpDayRollup {
    const row = this.page(s);
    const o = (s & PAGE_MASK) << ROW_SHIFT;
    const w = (k: number): number => row[o + k] ?? 0;
    const protocols: Record<string, number> = {};
    if (w(W_TCP)) protocols.tcp = w(W_TCP);
    if (w(W_UDP)) protocols.udp = w(W_UDP);
    if (w(W_ICMP)) protocols.icmp = w(W_ICMP);
    for (const [k, v] of this.otherProto.get(s) ?? []) protocols[k] = v;
    const actions: TIpDayRollup["actions"] = {};
    if (w(W_BLOCK)) actions.block = w(W_BLOCK);
    if (w(W_ALLOW)) actions.allow = w(W_ALLOW);
    if (w(W_ALERT)) actions.alert = w(W_ALERT);
    if (w(W_AUTH)) actions["auth-failure"] = w(W_AUTH);
    const entries = this.portEntries(row, o).sort((a, b) => a[0] - b[0]);
    const ports: Record<string, number> = {};
    const blockedPorts: Record<string, number> = {};
    for (const [port, count, blocked] of entries) {
      ports[String(port)] = count;
      if (blocked > 0) blockedPorts[String(port)] = blocked;
    }
    const sketch = this.sketches.get(s);
    const exact = entries.length;
    const dayWord = w(W_DAY) | 0;
    const midnight = Math.floor(dayWord / 2) * DAY_MS;
    return {
      day: new Date(midnight).toISOString().slice(0, 10),
      ip: (dayWord & 1) === 1 ? this.v6TextOf(s) : formatIpv4(w(W_IP)),
      events: w(W_BLOCK) + w(W_ALLOW) + w(W_ALERT) + w(W_AUTH),
      distinctPorts: sketch ? Math.max(exact + 1, estimatePortSketch(sketch)) : exact,
      ports,
      blockedPorts,
      protocols,
      actions,
      firstSeen: new Date(midnight + w(W_FIRST)).toISOString(),
      lastSeen: new Date(midnight + w(W_LAST)).toISOString(),
    };
  }
}
