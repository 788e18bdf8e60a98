/**
 * Open-addressing hash table from (day, IPv4) to a dense slot index, on typed arrays: a V8 Map
 * keyed by day * 2^32 + ip boxes every key as a heap number, which at a million keys costs
 * hundreds of MB and most of the run time in GC.
 */
export class DayIpv4Table {
  // Slot index + 1 per bucket (0 = empty); keys are compared against the caller's columns,
  // so the table costs 4 bytes per bucket.
  private slots: Int32Array;
  private mask: number;
  size = 0;

  constructor(capacity = 1 << 18) {
    this.slots = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  private static hash(day: number, ip: number): number {
    let h = Math.imul(ip ^ Math.imul(day, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    return h ^ (h >>> 16);
  }

  /**
   * Slot of (day, ip) given the slot key columns, or -1 - next after inserting `next` (the
   * caller then fills days[next] and ips[next]).
   */
  findOrInsert(day: number, ip: number, next: number, days: Int32Array, ips: Uint32Array): number {
    const mask = this.mask;
    let i = DayIpv4Table.hash(day, ip) & mask;
    for (;;) {
      const s = this.slots[i] ?? 0;
      if (s === 0) {
        this.slots[i] = next + 1;
        if (++this.size * 2 > mask) this.grow(days, ips, next, day, ip);
        return -1 - next;
      }
      if (ips[s - 1] === ip && days[s - 1] === day) return s - 1;
      i = (i + 1) & mask;
    }
  }

  private grow(
    days: Int32Array,
    ips: Uint32Array,
    pending: number,
    pendingDay: number,
    pendingIp: number,
  ): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    this.mask = this.slots.length - 1;
    for (const s of old) {
      if (s === 0) continue;
      // The slot just inserted has no key in the columns yet.
      const day = s - 1 === pending ? pendingDay : (days[s - 1] ?? 0);
      const ip = s - 1 === pending ? pendingIp : (ips[s - 1] ?? 0);
      let i = DayIpv4Table.hash(day, ip) & this.mask;
      while (this.slots[i] !== 0) i = (i + 1) & this.mask;
      this.slots[i] = s;
    }
  }
}

/** A growable typed column. */
export function growColumn<T extends Int32Array | Uint32Array | Float64Array | Uint8Array>(
  col: T,
  need: number,
): T {
  if (need <= col.length) return col;
  let cap = col.length * 2;
  while (cap < need) cap *= 2;
  const next = new (col.constructor as new (n: number) => T)(cap);
  next.set(col);
  return next;
}
