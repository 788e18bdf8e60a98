/**
 * Open-addressing hash table from an IPv4 number to a slot number, on one typed array with key
 * and value side by side, so a lookup touches one cache line. A V8 Map keyed by numbers boxes
 * large keys as heap numbers, which at a million keys costs hundreds of MB and most of the run
 * time in GC. Linear probing, grown at 70% load: 11 to 23 bytes per key.
 */
export class Ipv4SlotTable {
  // [ip, slot + 1] per bucket; slot + 1 === 0 marks an empty bucket, so ip 0 is a valid key.
  private cells: Uint32Array;
  private mask: number;
  private limit: number;
  size = 0;

  constructor(capacity = 1024) {
    this.cells = new Uint32Array(2 * capacity);
    this.mask = capacity - 1;
    this.limit = Math.floor(capacity * 0.7);
  }

  /** Bytes the table holds. */
  get bytes(): number {
    return this.cells.byteLength;
  }

  private static hash(ip: number): number {
    // murmur3 fmix32: consecutive addresses (one /24 scanning) spread over the table.
    let h = Math.imul(ip ^ (ip >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    return h ^ (h >>> 16);
  }

  /** The slot stored for `ip`; if there is none, stores `next` and returns it. */
  findOrAdd(ip: number, next: number): number {
    const cells = this.cells;
    const mask = this.mask;
    let i = Ipv4SlotTable.hash(ip) & mask;
    for (;;) {
      const v = cells[2 * i + 1] ?? 0;
      if (v === 0) break;
      if (cells[2 * i] === ip) return v - 1;
      i = (i + 1) & mask;
    }
    cells[2 * i] = ip;
    cells[2 * i + 1] = next + 1;
    if (++this.size > this.limit) this.grow();
    return next;
  }

  /** The slot stored for `ip`, or -1. */
  get(ip: number): number {
    const cells = this.cells;
    const mask = this.mask;
    for (let i = Ipv4SlotTable.hash(ip) & mask; ; i = (i + 1) & mask) {
      const v = cells[2 * i + 1] ?? 0;
      if (v === 0) return -1;
      if (cells[2 * i] === ip) return v - 1;
    }
  }

  /** Empties the table, keeping its size: refilling it does not double it up again. */
  clear(): void {
    this.cells.fill(0);
    this.size = 0;
  }

  /** Every key, in table order. */
  keys(): Uint32Array {
    const out = new Uint32Array(this.size);
    const cells = this.cells;
    let k = 0;
    for (let i = 0; i < cells.length; i += 2) if (cells[i + 1] !== 0) out[k++] = cells[i] ?? 0;
    return out;
  }

  private grow(): void {
    const old = this.cells;
    const capacity = old.length; // doubles: old.length is 2 * old capacity
    const cells = new Uint32Array(2 * capacity);
    const mask = capacity - 1;
    for (let j = 0; j < old.length; j += 2) {
      const v = old[j + 1] ?? 0;
      if (v === 0) continue;
      const ip = old[j] ?? 0;
      let i = Ipv4SlotTable.hash(ip) & mask;
      while (cells[2 * i + 1] !== 0) i = (i + 1) & mask;
      cells[2 * i] = ip;
      cells[2 * i + 1] = v;
    }
    this.cells = cells;
    this.mask = mask;
    this.limit = Math.floor(capacity * 0.7);
  }
}
