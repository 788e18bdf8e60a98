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

  constructor(width: number) {
    this.width = width;
    this.sums = new Float64Array(1024 * width);
  }

  slotU32(key: number): number {
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

  findU32(key: number): number {
    return this.u32.get(key);
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
