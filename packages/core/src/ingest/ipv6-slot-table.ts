/**
 * Open-addressing hash table from an IPv6 address (four 32-bit words) to a slot number, on one
 * typed array: [w0, w1, w2, w3, slot + 1] per bucket, slot + 1 === 0 marking an empty one. A V8
 * Map keyed by address text costs ~130 bytes per address with its string, and scanners that
 * rotate through IPv6 hosts produce a new address per line; this costs 20 bytes per bucket
 * (29-57 per address at up to 70% load) and nothing for the garbage collector to trace.
 */
const W = 5;

export class Ipv6SlotTable {
  private cells: Uint32Array;
  private mask: number;
  private limit: number;
  size = 0;

  /**
   * `load`: the share of buckets in use at which the table doubles. A table that only grows
   * (every source of a log) can run fuller: at 0.85 instead of 0.7, the 800k IPv6 sources of a
   * 40M-line log fit in 1M buckets (20 MB) instead of 2M (40 MB, and 60 MB while rehashing).
   */
  constructor(
    capacity = 64,
    private readonly load = 0.7,
  ) {
    this.cells = new Uint32Array(W * capacity);
    this.mask = capacity - 1;
    this.limit = Math.floor(capacity * load);
  }

  /** Empties the table, keeping its size: refilling it does not double it up again. */
  clear(): void {
    this.cells.fill(0);
    this.size = 0;
  }

  /** Bytes the table holds. */
  get bytes(): number {
    return this.cells.byteLength;
  }

  private static hash(k: ArrayLike<number>, o: number): number {
    let h = Math.imul((k[o] ?? 0) ^ 0x9e3779b9, 0x85ebca6b);
    h = Math.imul(h ^ (k[o + 1] ?? 0) ^ (h >>> 15), 0xc2b2ae35);
    h = Math.imul(h ^ (k[o + 2] ?? 0) ^ (h >>> 13), 0x85ebca6b);
    h = Math.imul(h ^ (k[o + 3] ?? 0) ^ (h >>> 16), 0xc2b2ae35);
    return h ^ (h >>> 16);
  }

  /**
   * Bucket of the key k[o..o+3], or of the empty bucket where it would go. The offset lets a
   * rehash read keys in place: a subarray per key made growing the tables of a 1M-line log cost
   * ~7 ms and as much again in garbage collection.
   */
  private find(k: ArrayLike<number>, o = 0): number {
    const cells = this.cells;
    const mask = this.mask;
    for (let i = Ipv6SlotTable.hash(k, o) & mask; ; i = (i + 1) & mask) {
      const at = W * i;
      if (cells[at + 4] === 0) return at;
      if (
        cells[at] === k[o] &&
        cells[at + 1] === k[o + 1] &&
        cells[at + 2] === k[o + 2] &&
        cells[at + 3] === k[o + 3]
      )
        return at;
    }
  }

  /** The slot stored for `k`; if there is none, stores `next` and returns it. */
  findOrAdd(k: ArrayLike<number>, next: number): number {
    const at = this.find(k);
    const cells = this.cells;
    const v = cells[at + 4] ?? 0;
    if (v !== 0) return v - 1;
    for (let w = 0; w < 4; w++) cells[at + w] = k[w] ?? 0;
    cells[at + 4] = next + 1;
    if (++this.size > this.limit) this.grow();
    return next;
  }

  /** Replaces the slot stored for `k`, which must be present. */
  set(k: ArrayLike<number>, slot: number): void {
    const at = this.find(k);
    if (this.cells[at + 4] === 0) throw new Error("Ipv6SlotTable.set: not a key");
    this.cells[at + 4] = slot + 1;
  }

  /** Stores `slot` for every key. */
  setAll(slot: number): void {
    const cells = this.cells;
    for (let at = 4; at < cells.length; at += W) if (cells[at] !== 0) cells[at] = slot + 1;
  }

  /** Calls `fn` with the table's words, each key's offset in them, and its slot. */
  forEach(fn: (words: Uint32Array, at: number, slot: number) => void): void {
    const cells = this.cells;
    for (let at = 0; at < cells.length; at += W) {
      const v = cells[at + 4] ?? 0;
      if (v !== 0) fn(cells, at, v - 1);
    }
  }

  private grow(): void {
    const old = this.cells;
    const capacity = (2 * old.length) / W;
    this.cells = new Uint32Array(W * capacity);
    this.mask = capacity - 1;
    this.limit = Math.floor(capacity * this.load);
    for (let j = 0; j < old.length; j += W) {
      if (old[j + 4] === 0) continue;
      const at = this.find(old, j);
      for (let w = 0; w < W; w++) this.cells[at + w] = old[j + w] ?? 0;
    }
  }
}
