import { dayNumber, dayString } from "../day/day-number.ts";
import type { TContribution } from "./contribution.ts";

/**
 * The community pool as per-day aggregates, in columns: one entry per (day, ip) with the distinct
 * contributors that reported that address that day. This is the shape the database keeps it in
 * (CommunityDay) and reads it as, once per training: typed arrays and one string per distinct
 * address and contributor, instead of an object and three strings per pool row, so ten million
 * sightings fit in a few tens of megabytes and every community view of a training walks them
 * without re-reading or re-deduplicating anything.
 */
export type TPoolDays = {
  /** Contributor index -> pseudonym ("t-…" for a tenant, "feed:<id>" for a public feed). */
  contributors: readonly string[];
  /** Address index -> address text as contributed. */
  ips: readonly string[];
  /** Entries: the day number (dayNumber) and address index of each. */
  day: Int32Array;
  ip: Int32Array;
  /** Entry i's contributors are members[start[i]] .. members[start[i + 1] - 1], each distinct. */
  start: Int32Array;
  members: Int32Array;
  /** Number of entries. */
  length: number;
};

/** Sightings (contributor-day-address triples) in the pool. */
export function poolDaysSightings(pool: TPoolDays): number {
  return pool.start[pool.length] ?? 0;
}

/** Accumulates entries into a TPoolDays; what readers of the database and of rows both use. */
export class PoolDaysBuilder {
  private readonly contributorIndex = new Map<string, number>();
  private readonly contributors: string[] = [];
  private readonly ips = new TextInterner();
  private day = new Int32Array(1024);
  private ip = new Int32Array(1024);
  private start = new Int32Array(1025);
  private members = new Int32Array(4096);
  private length = 0;

  /** The index of a contributor, registering it (a reader that knows the ids can pass them in order). */
  contributor(key: string): number {
    let i = this.contributorIndex.get(key);
    if (i === undefined) {
      i = this.contributors.push(key) - 1;
      this.contributorIndex.set(key, i);
    }
    return i;
  }

  /** Adds one (day, ip) entry; `members` are contributor indexes, distinct. */
  add(day: number, ipText: string, members: ArrayLike<number>): void {
    this.push(day, this.ips.text(ipText), members);
  }

  /**
   * The same, the address being bytes [from, to) of an ASCII buffer (a reader's input): no string
   * is made for an address already seen, and a new one is its own string, not a slice that would
   * keep the whole input chunk alive.
   */
  addBytes(day: number, bytes: Uint8Array, from: number, to: number, members: ArrayLike<number>): void {
    this.push(day, this.ips.bytes(bytes, from, to), members);
  }

  private push(day: number, ipIdx: number, members: ArrayLike<number>): void {
    if (this.length === this.day.length) {
      this.day = grow(this.day, this.length * 2);
      this.ip = grow(this.ip, this.length * 2);
      this.start = grow(this.start, this.length * 2 + 1);
    }
    const at = this.start[this.length] ?? 0;
    if (at + members.length > this.members.length)
      this.members = grow(this.members, Math.max(this.members.length * 2, at + members.length));
    for (let k = 0; k < members.length; k++) this.members[at + k] = members[k] ?? 0;
    this.day[this.length] = day;
    this.ip[this.length] = ipIdx;
    this.length++;
    this.start[this.length] = at + members.length;
  }

  /**
   * The pool. Its arrays are views of the builder's (up to twice their contents, from doubling):
   * copying them out to their exact size took longer than the rest of a 10M-sighting read's
   * bookkeeping, for memory the read stays well within anyway.
   */
  finish(): TPoolDays {
    const n = this.length;
    return {
      contributors: this.contributors,
      ips: this.ips.values,
      day: this.day.subarray(0, n),
      ip: this.ip.subarray(0, n),
      start: this.start.subarray(0, n + 1),
      members: this.members.subarray(0, this.start[n] ?? 0),
      length: n,
    };
  }
}

/**
 * Distinct ASCII strings to dense indexes, looked up from a string or straight from bytes, so a
 * reader interns millions of addresses without making a string per line. An open-addressing table
 * of (FNV-1a hash, index) pairs and the strings' bytes side by side in one array: a lookup touches
 * two places in memory, where a Map of strings touched four or five (it was most of a pool read).
 */
class TextInterner {
  readonly values: string[] = [];
  private slots = new Int32Array(2 << 12); // [hash, index + 1] pairs; index + 1 = 0: empty
  private chars = new Uint8Array(1 << 16);
  private offsets = new Int32Array((1 << 12) + 1);
  private used = 0;

  text(s: string): number {
    let h = 0x811c9dc5;
    for (let k = 0; k < s.length; k++) h = Math.imul(h ^ s.charCodeAt(k), 0x01000193);
    const mask = (this.slots.length >> 1) - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const i = (this.slots[slot * 2 + 1] ?? 0) - 1;
      if (i < 0) return this.insert(slot, h, s);
      if (this.slots[slot * 2] === h && this.values[i] === s) return i;
    }
  }

  bytes(b: Uint8Array, from: number, to: number): number {
    let h = 0x811c9dc5;
    for (let k = from; k < to; k++) h = Math.imul(h ^ (b[k] ?? 0), 0x01000193);
    const mask = (this.slots.length >> 1) - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const i = (this.slots[slot * 2 + 1] ?? 0) - 1;
      if (i < 0) return this.insert(slot, h, String.fromCharCode(...b.subarray(from, to)));
      if (this.slots[slot * 2] === h && this.sameBytes(i, b, from, to)) return i;
    }
  }

  private sameBytes(i: number, b: Uint8Array, from: number, to: number): boolean {
    const at = this.offsets[i] ?? 0;
    if ((this.offsets[i + 1] ?? 0) - at !== to - from) return false;
    for (let k = 0; k < to - from; k++) if (this.chars[at + k] !== b[from + k]) return false;
    return true;
  }

  private insert(slot: number, h: number, s: string): number {
    const i = this.values.push(s) - 1;
    if (this.used + s.length > this.chars.length) this.chars = growBytes(this.chars, this.used + s.length);
    for (let k = 0; k < s.length; k++) this.chars[this.used + k] = s.charCodeAt(k);
    this.used += s.length;
    if (i + 2 > this.offsets.length) this.offsets = grow(this.offsets, this.offsets.length * 2);
    this.offsets[i + 1] = this.used;
    this.slots[slot * 2] = h;
    this.slots[slot * 2 + 1] = i + 1;
    // Kept at most half full; on doubling every pair goes to its slot in the larger table.
    if (this.values.length * 4 > this.slots.length) {
      const old = this.slots;
      this.slots = new Int32Array(old.length * 2);
      const mask = (this.slots.length >> 1) - 1;
      for (let o = 0; o < old.length; o += 2) {
        if ((old[o + 1] ?? 0) === 0) continue;
        let at = (old[o] ?? 0) & mask;
        while ((this.slots[at * 2 + 1] ?? 0) !== 0) at = (at + 1) & mask;
        this.slots[at * 2] = old[o] ?? 0;
        this.slots[at * 2 + 1] = old[o + 1] ?? 0;
      }
    }
    return i;
  }
}

function growBytes(a: Uint8Array, atLeast: number): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(Math.max(a.length * 2, atLeast));
  b.set(a);
  return b;
}

function grow(a: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

/**
 * Pool rows to per-day aggregates. A contributor counts an address at most once a day, so a
 * repeated row adds nothing (the database's primary key says the same).
 */
export function poolDaysFromRows(rows: Iterable<TContribution>): TPoolDays {
  const b = new PoolDaysBuilder();
  const entries = new Map<string, { day: number; ip: string; members: Set<number> }>();
  for (const r of rows) {
    const key = `${r.day}|${r.ip}`;
    let e = entries.get(key);
    if (!e) entries.set(key, (e = { day: dayNumber(r.day), ip: r.ip, members: new Set<number>() }));
    e.members.add(b.contributor(r.contributor));
  }
  for (const e of entries.values()) b.add(e.day, e.ip, [...e.members]);
  return b.finish();
}

/** The sightings of a TPoolDays as pool rows again (for code that filters rows, e.g. one feed's). */
export function* poolDaysRows(pool: TPoolDays): Generator<TContribution> {
  for (let i = 0; i < pool.length; i++) {
    const day = dayString(pool.day[i] ?? 0);
    const ip = pool.ips[pool.ip[i] ?? 0] ?? "";
    for (let m = pool.start[i] ?? 0; m < (pool.start[i + 1] ?? 0); m++)
      yield { contributor: pool.contributors[pool.members[m] ?? 0] ?? "", day, ip };
  }
}

export const isPoolDays = (p: Iterable<TContribution> | TPoolDays): p is TPoolDays =>
  !(Symbol.iterator in p) && "members" in p;
