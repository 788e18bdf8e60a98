import { U32Map } from "./u32-map.ts";

/**
 * Per-neighbourhood accumulators: a key -> slot index and `width` float sums per slot in one
 * growable array (one small Float64Array per /24 would cost ~100 bytes of header each).
 */
export class KeyedSums {
  readonly width: number;
  size = 0;
  sums: Float64Array;
  numKeys: number[] = [];
  strKeys: string[] = [];
  private u32 = new U32Map(1024);
  private str = new Map<string, number>();
  /** Set once keys are appended in ascending order: lookups bisect numKeys instead of hashing. */
  private ascending = false;

  constructor(width: number) {
    this.width = width;
    this.sums = new Float64Array(1024 * width);
  }

  slotU32(key: number): number {
    if (this.ascending) throw new Error("slotU32 after appendU32");
    const slot = this.u32.getOrSet(key, this.size);
    if (slot === this.size) this.add(key, "");
    return slot;
  }

  slotStr(key: string): number {
    const known = this.str.get(key);
    if (known !== undefined) return known;
    const slot = this.size;
    this.str.set(key, slot);
    this.add(0, key);
    return slot;
  }

  /**
   * Slot for a key greater than every key added so far (a walk over addresses in order). No hash
   * entry is made: for millions of /24s the inserts cost more than the sums (measured).
   */
  appendU32(key: number): number {
    if (this.size > 0 && !this.ascending) throw new Error("appendU32 after slotU32");
    const last = this.numKeys[this.size - 1];
    if (last !== undefined && key <= last) throw new RangeError("appendU32 keys must ascend");
    this.ascending = true;
    const slot = this.size;
    this.add(key, "");
    return slot;
  }

  findU32(key: number): number {
    if (!this.ascending) return this.u32.get(key);
    const keys = this.numKeys;
    let lo = 0;
    let hi = this.size - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const k = keys[mid] ?? 0;
      if (k === key) return mid;
      if (k < key) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  findStr(key: string): number {
    return this.str.get(key) ?? -1;
  }

  private add(num: number, str: string): void {
    this.numKeys.push(num);
    this.strKeys.push(str);
    this.size++;
    if (this.size * this.width > this.sums.length) {
      const next = new Float64Array(this.sums.length * 2);
      next.set(this.sums);
      this.sums = next;
    }
  }
}
