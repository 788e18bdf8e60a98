import { formatIpv4 } from "../events/parse-ipv4.ts";
import { PORT_EXACT_BOUND, type TIpDayRollup } from "../rollup/ip-day-rollup.ts";
import { addToPortSketch, createPortSketch, estimatePortSketch } from "../rollup/port-sketch.ts";
import type { ParsedRecord } from "./parsed-record.ts";
import { DayIpv4Table, growColumn } from "./rollup-table.ts";

const DAY_MS = 86_400_000;

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
  private day = new Int32Array(1024);
  private ip = new Float64Array(1024); // IPv4 number, or -1 for IPv6 (text in v6Text)
  private events = new Float64Array(1024);
  private first = new Float64Array(1024);
  private last = new Float64Array(1024);
  private block = new Uint32Array(1024);
  private allow = new Uint32Array(1024);
  private alert = new Uint32Array(1024);
  private authFailure = new Uint32Array(1024);
  private tcp = new Uint32Array(1024);
  private udp = new Uint32Array(1024);
  private icmp = new Uint32Array(1024);
  private portHead = new Int32Array(1024);
  private portDistinct = new Int32Array(1024);
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
    const s = this.n++;
    if (s >= this.day.length) {
      const need = s + 1;
      this.day = growColumn(this.day, need);
      this.ip = growColumn(this.ip, need);
      this.events = growColumn(this.events, need);
      this.first = growColumn(this.first, need);
      this.last = growColumn(this.last, need);
      this.block = growColumn(this.block, need);
      this.allow = growColumn(this.allow, need);
      this.alert = growColumn(this.alert, need);
      this.authFailure = growColumn(this.authFailure, need);
      this.tcp = growColumn(this.tcp, need);
      this.udp = growColumn(this.udp, need);
      this.icmp = growColumn(this.icmp, need);
      this.portHead = growColumn(this.portHead, need);
      this.portDistinct = growColumn(this.portDistinct, need);
    }
    this.day[s] = day;
    this.ip[s] = ip;
    this.first[s] = t;
    this.last[s] = t;
    this.portHead[s] = -1;
    return s;
  }

  add(r: ParsedRecord): void {
    const t = r.timeMs;
    const day = Math.floor(t / DAY_MS);
    let s: number;
    if (r.srcV4 >= 0) {
      s = this.v4.findOrInsert(day, r.srcV4, this.n);
      if (s < 0) s = this.newSlot(day, r.srcV4, t);
    } else {
      const key = `${day}|${r.src}`;
      const found = this.v6.get(key);
      if (found === undefined) {
        s = this.newSlot(day, -1, t);
        this.v6.set(key, s);
        this.v6Text.set(s, r.src);
      } else s = found;
    }
    const n = r.count;
    this.events[s] = (this.events[s] ?? 0) + n;
    if (t < (this.first[s] ?? t)) this.first[s] = t;
    if (t > (this.last[s] ?? t)) this.last[s] = t;
    if (t < this.firstSeen) this.firstSeen = t;
    if (t > this.lastSeen) this.lastSeen = t;
    const action = r.action;
    if (action === "block") this.block[s] = (this.block[s] ?? 0) + n;
    else if (action === "allow") this.allow[s] = (this.allow[s] ?? 0) + n;
    else if (action === "alert") this.alert[s] = (this.alert[s] ?? 0) + n;
    else this.authFailure[s] = (this.authFailure[s] ?? 0) + n;
    const proto = r.proto;
    if (proto === "tcp") this.tcp[s] = (this.tcp[s] ?? 0) + n;
    else if (proto === "udp") this.udp[s] = (this.udp[s] ?? 0) + n;
    else if (proto === "icmp") this.icmp[s] = (this.icmp[s] ?? 0) + n;
    else if (proto !== "") {
      let other = this.otherProto.get(s);
      if (!other) this.otherProto.set(s, (other = new Map<string, number>()));
      other.set(proto, (other.get(proto) ?? 0) + n);
    }
    if (r.dstPort >= 0) this.addPort(s, r.dstPort, n, action === "block" || action === "alert");
  }

  private addPort(s: number, port: number, n: number, hostile: boolean): void {
    for (let p = this.portHead[s] ?? -1; p >= 0; p = this.pNext[p] ?? -1) {
      if (this.pPort[p] === port) {
        this.pCount[p] = (this.pCount[p] ?? 0) + n;
        if (hostile) this.pBlocked[p] = (this.pBlocked[p] ?? 0) + n;
        return;
      }
    }
    const distinct = this.portDistinct[s] ?? 0;
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
      this.pNext[p] = this.portHead[s] ?? -1;
      this.portHead[s] = p;
      this.portDistinct[s] = distinct + 1;
      return;
    }
    let sketch = this.sketches.get(s);
    if (!sketch) {
      // Crossing the bound: seed the sketch with every port seen exactly so far.
      sketch = createPortSketch();
      for (let p = this.portHead[s] ?? -1; p >= 0; p = this.pNext[p] ?? -1)
        addToPortSketch(sketch, this.pPort[p] ?? 0);
      this.sketches.set(s, sketch);
    }
    addToPortSketch(sketch, port);
  }

  /** Distinct source addresses over all days. */
  countSources(): number {
    const v4 = new Set<number>();
    const v6 = new Set<string>();
    for (let s = 0; s < this.n; s++) {
      const ip = this.ip[s] ?? -1;
      if (ip >= 0) v4.add(ip);
      else v6.add(this.v6Text.get(s) ?? "");
    }
    return v4.size + v6.size;
  }

  /** Slots ordered by day then address (IPv4 numerically, then IPv6 text). */
  private order(): Int32Array {
    const idx = new Int32Array(this.n);
    for (let i = 0; i < this.n; i++) idx[i] = i;
    const { day, ip, v6Text } = this;
    return idx.sort((a, b) => {
      const d = (day[a] ?? 0) - (day[b] ?? 0);
      if (d !== 0) return d;
      const ia = ip[a] ?? -1;
      const ib = ip[b] ?? -1;
      if (ia >= 0 && ib >= 0) return ia - ib;
      if (ia >= 0 || ib >= 0) return ia >= 0 ? -1 : 1;
      const ta = v6Text.get(a) ?? "";
      const tb = v6Text.get(b) ?? "";
      return ta < tb ? -1 : ta > tb ? 1 : 0;
    });
  }

  /** Builds rollups one at a time, so a caller can write them in batches without holding all. */
  *rollups(): Generator<TIpDayRollup> {
    for (const s of this.order()) yield this.materialise(s);
  }

  private materialise(s: number): TIpDayRollup {
    const protocols: Record<string, number> = {};
    if (this.tcp[s]) protocols.tcp = this.tcp[s];
    if (this.udp[s]) protocols.udp = this.udp[s];
    if (this.icmp[s]) protocols.icmp = this.icmp[s];
    for (const [k, v] of this.otherProto.get(s) ?? []) protocols[k] = v;
    const actions: TIpDayRollup["actions"] = {};
    if (this.block[s]) actions.block = this.block[s];
    if (this.allow[s]) actions.allow = this.allow[s];
    if (this.alert[s]) actions.alert = this.alert[s];
    if (this.authFailure[s]) actions["auth-failure"] = this.authFailure[s];
    const entries: [number, number, number][] = [];
    for (let p = this.portHead[s] ?? -1; p >= 0; p = this.pNext[p] ?? -1) {
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
    const ip = this.ip[s] ?? -1;
    return {
      day: new Date((this.day[s] ?? 0) * DAY_MS).toISOString().slice(0, 10),
      ip: ip >= 0 ? formatIpv4(ip) : (this.v6Text.get(s) ?? ""),
      events: this.events[s] ?? 0,
      distinctPorts: sketch ? Math.max(exact + 1, estimatePortSketch(sketch)) : exact,
      ports,
      blockedPorts,
      protocols,
      actions,
      firstSeen: new Date(this.first[s] ?? 0).toISOString(),
      lastSeen: new Date(this.last[s] ?? 0).toISOString(),
    };
  }
}
