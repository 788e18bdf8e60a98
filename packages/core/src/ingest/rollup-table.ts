/**
 * Open-addressing hash table from (day, IPv4) to a dense slot index, on typed arrays: a V8 Map
 * keyed by day * 2^32 + ip boxes every key as a heap number, which at a million keys costs
 * hundreds of MB and most of the run time in GC.
 */
export class DayIpv4Table {
  private days: Int32Array;
  private ips: Uint32Array;
  private slots: Int32Array; // slot index + 1; 0 = empty
  private mask: number;
  size = 0;

  constructor(capacity = 1 << 16) {
    this.days = new Int32Array(capacity);
    this.ips = new Uint32Array(capacity);
    this.slots = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  private static hash(day: number, ip: number): number {
    let h = Math.imul(ip ^ Math.imul(day, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    return h ^ (h >>> 16);
  }

  /** Slot of (day, ip), creating it as `next` when absent (returns -1 - next in that case). */
  findOrInsert(day: number, ip: number, next: number): number {
    const mask = this.mask;
    let i = DayIpv4Table.hash(day, ip) & mask;
    for (;;) {
      const s = this.slots[i] ?? 0;
      if (s === 0) {
        this.days[i] = day;
        this.ips[i] = ip;
        this.slots[i] = next + 1;
        if (++this.size * 2 > mask) this.grow();
        return -1 - next;
      }
      if (this.ips[i] === ip && this.days[i] === day) return s - 1;
      i = (i + 1) & mask;
    }
  }

  private grow(): void {
    const { days, ips, slots } = this;
    const cap = slots.length * 2;
    this.days = new Int32Array(cap);
    this.ips = new Uint32Array(cap);
    this.slots = new Int32Array(cap);
    this.mask = cap - 1;
    for (let j = 0; j < slots.length; j++) {
      const s = slots[j] ?? 0;
      if (s === 0) continue;
      const day = days[j] ?? 0;
      const ip = ips[j] ?? 0;
      let i = DayIpv4Table.hash(day, ip) & this.mask;
      while (this.slots[i] !== 0) i = (i + 1) & this.mask;
      this.days[i] = day;
      this.ips[i] = ip;
      this.slots[i] = s;
    }
  }

  /** [day, ip, slot] of every entry. */
  *entries(): Generator<[number, number, number]> {
    for (let j = 0; j < this.slots.length; j++) {
      const s = this.slots[j] ?? 0;
      if (s !== 0) yield [this.days[j] ?? 0, this.ips[j] ?? 0, s - 1];
    }
  }
}

/** A growable typed column. */
export function growColumn<T extends Int32Array | Uint32Array | Float64Array>(col: T, need: number): T {
  if (need <= col.length) return col;
  let cap = col.length * 2;
  while (cap < need) cap *= 2;
  const next = new (col.constructor as new (n: number) => T)(cap);
  next.set(col);
  return next;
}
