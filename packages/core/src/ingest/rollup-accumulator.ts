import { formatIpv4 } from "../events/parse-ipv4.ts";
import { PORT_EXACT_BOUND, type TIpDayRollup } from "../rollup/ip-day-rollup.ts";
import { addToPortSketch, createPortSketch, estimatePortSketch } from "../rollup/port-sketch.ts";
import type { ParsedRecord } from "./parsed-record.ts";
import { DayIpv4Table, growColumn } from "./rollup-table.ts";

const DAY_MS = 86_400_000;
const ROW = 8;
const C_EVENTS = 0;
const C_BLOCK = 1;
const C_ALLOW = 2;
const C_ALERT = 3;
const C_AUTH = 4;
const C_TCP = 5;
const C_UDP = 6;
const C_ICMP = 7;

/**
 * Streams events into per (UTC day, source IP) rollups. State is column-oriented (typed arrays
 * indexed by a dense slot number, ports in a pooled linked list) so a million rollups take tens
 * of MB and no per-event garbage; rollup objects are only built when asked for, one at a time.
 */
export class RollupAccumulator {
  private readonly v4 = new DayIpv4Table();
  private readonly v6 = new Map<string, number>();
  private readonly v6Text = new Map<number, string>();
  private n = 0;
  // One row per slot, packed so an event touches one or two cache lines, not ten arrays.
  private day = new Int32Array(1024);
  private ip = new Uint32Array(1024); // IPv4 number; IPv6 slots have their text in v6Text
  private times = new Uint32Array(2 * 1024); // first, last: ms since the row's midnight
  private counts = new Uint32Array(ROW * 1024); // see the C_* offsets
  private ports = new Int32Array(2 * 1024); // head of the port list, distinct ports
  private readonly otherProto = new Map<number, Map<string, number>>();
  private readonly sketches = new Map<number, Uint8Array>();
  // Port pool: one entry per (slot, port) while exact.
  private pn = 0;
  private pPort = new Int32Array(4096);
  private pCount = new Uint32Array(4096);
  private pBlocked = new Uint32Array(4096);
  private pNext = new Int32Array(4096);
  firstSeen = Number.POSITIVE_INFINITY;
  lastSeen = Number.NEGATIVE_INFINITY;

  get size(): number {
    return this.n;
  }

  private newSlot(day: number, ip: number, t: number): number {
    const ms = t - day * DAY_MS;
    const s = this.n++;
    if (s >= this.day.length) {
      const need = s + 1;
      this.day = growColumn(this.day, need);
      this.ip = growColumn(this.ip, need);
      this.times = growColumn(this.times, 2 * need);
      this.counts = growColumn(this.counts, ROW * need);
      this.ports = growColumn(this.ports, 2 * need);
    }
    this.day[s] = day;
    this.ip[s] = ip;
    this.times[2 * s] = ms;
    this.times[2 * s + 1] = ms;
    this.ports[2 * s] = -1;
    return s;
  }

  add(r: ParsedRecord): void {
    const t = r.timeMs;
    const day = Math.floor(t / DAY_MS);
    let s: number;
    if (r.srcV4 >= 0) {
      s = this.v4.findOrInsert(day, r.srcV4, this.n, this.day, this.ip);
      if (s < 0) s = this.newSlot(day, r.srcV4, t);
    } else {
      const key = `${day}|${r.src}`;
      const found = this.v6.get(key);
      if (found === undefined) {
        s = this.newSlot(day, 0, t);
        this.v6.set(key, s);
        this.v6Text.set(s, r.src);
      } else s = found;
    }
    const n = r.count;
    const c = this.counts;
    const row = s * ROW;
    c[row + C_EVENTS] = (c[row + C_EVENTS] ?? 0) + n;
    const times = this.times;
    const ms = t - day * DAY_MS;
    if (ms < (times[2 * s] ?? ms)) times[2 * s] = ms;
    if (ms > (times[2 * s + 1] ?? ms)) times[2 * s + 1] = ms;
    if (t < this.firstSeen) this.firstSeen = t;
    if (t > this.lastSeen) this.lastSeen = t;
    const action = r.action;
    const a =
      action === "block" ? C_BLOCK : action === "allow" ? C_ALLOW : action === "alert" ? C_ALERT : C_AUTH;
    c[row + a] = (c[row + a] ?? 0) + n;
    const proto = r.proto;
    const pc = proto === "tcp" ? C_TCP : proto === "udp" ? C_UDP : proto === "icmp" ? C_ICMP : -1;
    if (pc >= 0) c[row + pc] = (c[row + pc] ?? 0) + n;
    else if (proto !== "") {
      let other = this.otherProto.get(s);
      if (!other) this.otherProto.set(s, (other = new Map<string, number>()));
      other.set(proto, (other.get(proto) ?? 0) + n);
    }
    if (r.dstPort >= 0) this.addPort(s, r.dstPort, n, action === "block" || action === "alert");
  }

  private addPort(s: number, port: number, n: number, hostile: boolean): void {
    for (let p = this.ports[2 * s] ?? -1; p >= 0; p = this.pNext[p] ?? -1) {
      if (this.pPort[p] === port) {
        this.pCount[p] = (this.pCount[p] ?? 0) + n;
        if (hostile) this.pBlocked[p] = (this.pBlocked[p] ?? 0) + n;
        return;
      }
    }
    const distinct = this.ports[2 * s + 1] ?? 0;
    if (distinct < PORT_EXACT_BOUND) {
      const p = this.pn++;
      if (p >= this.pPort.length) {
        this.pPort = growColumn(this.pPort, p + 1);
        this.pCount = growColumn(this.pCount, p + 1);
        this.pBlocked = growColumn(this.pBlocked, p + 1);
        this.pNext = growColumn(this.pNext, p + 1);
      }
      this.pPort[p] = port;
      this.pCount[p] = n;
      this.pBlocked[p] = hostile ? n : 0;
      this.pNext[p] = this.ports[2 * s] ?? -1;
      this.ports[2 * s] = p;
      this.ports[2 * s + 1] = distinct + 1;
      return;
    }
    let sketch = this.sketches.get(s);
    if (!sketch) {
      // Crossing the bound: seed the sketch with every port seen exactly so far.
      sketch = createPortSketch();
      for (let p = this.ports[2 * s] ?? -1; p >= 0; p = this.pNext[p] ?? -1)
        addToPortSketch(sketch, this.pPort[p] ?? 0);
      this.sketches.set(s, sketch);
    }
    addToPortSketch(sketch, port);
  }

  /** Distinct source addresses over all days (sorting a typed copy beats a Set of a million numbers). */
  countSources(): number {
    const v4 = new Float64Array(this.n);
    let k = 0;
    const v6 = new Set<string>();
    for (let s = 0; s < this.n; s++) {
      const text = this.v6Text.get(s);
      if (text === undefined) v4[k++] = this.ip[s] ?? 0;
      else v6.add(text);
    }
    const sorted = v4.subarray(0, k).sort();
    let distinct = 0;
    for (let i = 0; i < k; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++;
    return distinct + v6.size;
  }

  /** Slots ordered by day then address (IPv4 numerically, then IPv6 text). */
  private order(): Int32Array {
    const idx = new Int32Array(this.n);
    for (let i = 0; i < this.n; i++) idx[i] = i;
    const { day, ip, v6Text } = this;
    return idx.sort((a, b) => {
      const d = (day[a] ?? 0) - (day[b] ?? 0);
      if (d !== 0) return d;
      const ta = v6Text.get(a);
      const tb = v6Text.get(b);
      if (ta === undefined && tb === undefined) return (ip[a] ?? 0) - (ip[b] ?? 0);
      if (ta === undefined || tb === undefined) return ta === undefined ? -1 : 1;
      return ta < tb ? -1 : ta > tb ? 1 : 0;
    });
  }

  /** Builds rollups one at a time, so a caller can write them in batches without holding all. */
  *rollups(): Generator<TIpDayRollup> {
    for (const s of this.order()) yield this.materialise(s);
  }

  private materialise(s: number): TIpDayRollup {
    const c = this.counts;
    const row = s * ROW;
    const protocols: Record<string, number> = {};
    if (c[row + C_TCP]) protocols.tcp = c[row + C_TCP] ?? 0;
    if (c[row + C_UDP]) protocols.udp = c[row + C_UDP] ?? 0;
    if (c[row + C_ICMP]) protocols.icmp = c[row + C_ICMP] ?? 0;
    for (const [k, v] of this.otherProto.get(s) ?? []) protocols[k] = v;
    const actions: TIpDayRollup["actions"] = {};
    if (c[row + C_BLOCK]) actions.block = c[row + C_BLOCK] ?? 0;
    if (c[row + C_ALLOW]) actions.allow = c[row + C_ALLOW] ?? 0;
    if (c[row + C_ALERT]) actions.alert = c[row + C_ALERT] ?? 0;
    if (c[row + C_AUTH]) actions["auth-failure"] = c[row + C_AUTH] ?? 0;
    const entries: [number, number, number][] = [];
    for (let p = this.ports[2 * s] ?? -1; p >= 0; p = this.pNext[p] ?? -1) {
      entries.push([this.pPort[p] ?? 0, this.pCount[p] ?? 0, this.pBlocked[p] ?? 0]);
    }
    entries.sort((a, b) => a[0] - b[0]);
    const ports: Record<string, number> = {};
    const blockedPorts: Record<string, number> = {};
    for (const [port, count, blocked] of entries) {
      ports[String(port)] = count;
      if (blocked > 0) blockedPorts[String(port)] = blocked;
    }
    const sketch = this.sketches.get(s);
    const exact = entries.length;
    const midnight = (this.day[s] ?? 0) * DAY_MS;
    return {
      day: new Date(midnight).toISOString().slice(0, 10),
      ip: this.v6Text.get(s) ?? formatIpv4(this.ip[s] ?? 0),
      events: c[row + C_EVENTS] ?? 0,
      distinctPorts: sketch ? Math.max(exact + 1, estimatePortSketch(sketch)) : exact,
      ports,
      blockedPorts,
      protocols,
      actions,
      firstSeen: new Date(midnight + (this.times[2 * s] ?? 0)).toISOString(),
      lastSeen: new Date(midnight + (this.times[2 * s + 1] ?? 0)).toISOString(),
    };
  }
}
