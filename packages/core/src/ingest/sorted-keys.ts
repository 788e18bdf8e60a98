import { sortKeyWords } from "./sort-slots.ts";

// Sorted arrays of addresses as one (IPv4) or four (IPv6, most significant first) 32-bit words
// each: how the addresses of a day's rows already handed over are kept (4 or 16 bytes each),
// searched and grown.

/**
 * The first n keys of `width` words in `keys`, sorted, and `order`: sorted key j is key
 * order[j] of the input.
 */
export function sortedKeys(
  keys: Uint32Array,
  n: number,
  width: 1 | 4,
): { sorted: Uint32Array; order: Uint32Array } {
  const order = sortKeyWords(keys, null, n, width);
  const sorted = new Uint32Array(width * n);
  for (let j = 0; j < n; j++) {
    const from = width * (order[j] ?? 0);
    for (let x = 0; x < width; x++) sorted[width * j + x] = keys[from + x] ?? 0;
  }
  return { sorted, order };
}

/** Order of the `w`-word keys a[i..] and b[k..]. */
export function compareKeys(
  a: ArrayLike<number>,
  i: number,
  b: ArrayLike<number>,
  k: number,
  w: number,
): number {
  for (let x = 0; x < w; x++) {
    const d = (a[i + x] ?? 0) - (b[k + x] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * A growing sorted set of keys of `width` words (a day's addresses handed over). New keys are
 * merged in place from the back into spare room, which doubles when short: a new array per
 * merge made every hand-over copy the whole list (42 MB of garbage typed arrays per 10M lines,
 * which V8 frees only after tens of MB).
 */
export class SortedKeys {
  private keys = new Uint32Array(0);
  private words = 0;

  constructor(private readonly width: 1 | 4) {}

  /** Bytes the set holds, spare room included. */
  get bytes(): number {
    return this.keys.byteLength;
  }

  /** True when the set holds key[0, width). */
  has(key: ArrayLike<number>): boolean {
    const w = this.width;
    let lo = 0;
    let hi = this.words / w;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const c = compareKeys(this.keys, w * mid, key, 0, w);
      if (c === 0) return true;
      if (c < 0) lo = mid + 1;
      else hi = mid;
    }
    return false;
  }

  /** Adds `fresh`, sorted keys none of which is held already. */
  add(fresh: Uint32Array): void {
    if (fresh.length === 0) return;
    const w = this.width;
    let a = this.keys;
    const total = this.words + fresh.length;
    if (total > a.length) {
      a = new Uint32Array(Math.max(total, 2 * a.length));
      a.set(this.keys.subarray(0, this.words));
      this.keys = a;
    }
    // From the back: the write position never passes the next held key still to be read.
    let i = this.words - w;
    let j = fresh.length - w;
    for (let k = total - w; j >= 0; k -= w) {
      if (i >= 0 && compareKeys(a, i, fresh, j, w) > 0) {
        for (let x = 0; x < w; x++) a[k + x] = a[i + x] ?? 0;
        i -= w;
      } else {
        for (let x = 0; x < w; x++) a[k + x] = fresh[j + x] ?? 0;
        j -= w;
      }
    }
    this.words = total;
  }

  /** The keys, sorted (a view, valid until the next add). */
  view(): Uint32Array {
    return this.keys.subarray(0, this.words);
  }

  /** Lets go of every key and the memory. */
  clear(): void {
    this.keys = new Uint32Array(0);
    this.words = 0;
  }
}
