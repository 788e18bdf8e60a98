import { sortKeyWords } from "./sort-slots.ts";

// Sorted arrays of IPv6 addresses as four 32-bit words each (most significant first): how the
// addresses of a day's rows already handed over are kept (16 bytes each), searched and grown.

/** The first n keys of `keys`, sorted. */
export function sortedKeys4(keys: Uint32Array, n: number): Uint32Array {
  const order = sortKeyWords(keys, null, n, 4);
  const out = new Uint32Array(4 * n);
  for (let i = 0; i < n; i++) copy4(keys, 4 * (order[i] ?? 0), out, 4 * i);
  return out;
}

/** Order of the four-word keys a[i..i+3] and b[j..j+3]. */
function compare4(a: ArrayLike<number>, i: number, b: ArrayLike<number>, j: number): number {
  for (let w = 0; w < 4; w++) {
    const d = (a[i + w] ?? 0) - (b[j + w] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function copy4(from: Uint32Array, i: number, to: Uint32Array, k: number): void {
  to[k] = from[i] ?? 0;
  to[k + 1] = from[i + 1] ?? 0;
  to[k + 2] = from[i + 2] ?? 0;
  to[k + 3] = from[i + 3] ?? 0;
}

/**
 * A growing sorted set of four-word keys (a day's IPv6 addresses handed over). New keys are
 * merged in place from the back into spare room, which doubles when short: a new array per
 * merge made every hand-over copy the whole list (42 MB of garbage typed arrays per 10M lines,
 * which V8 frees only after tens of MB).
 */
export class SortedKeys4 {
  private keys = new Uint32Array(0);
  private words = 0;

  /** Keys held. */
  get size(): number {
    return this.words / 4;
  }

  /** Bytes the set holds, spare room included. */
  get bytes(): number {
    return this.keys.byteLength;
  }

  has(key: Uint32Array): boolean {
    return this.words > 0 && hasSorted(this.keys.subarray(0, this.words), key);
  }

  /** Adds `fresh`, sorted four-word keys none of which is held already. */
  add(fresh: Uint32Array): void {
    if (fresh.length === 0) return;
    let a = this.keys;
    const total = this.words + fresh.length;
    if (total > a.length) {
      a = new Uint32Array(Math.max(total, 2 * a.length));
      a.set(this.keys.subarray(0, this.words));
      this.keys = a;
    }
    // From the back: the write position never passes the next held key still to be read.
    let i = this.words - 4;
    let j = fresh.length - 4;
    for (let k = total - 4; j >= 0; k -= 4) {
      if (i >= 0 && compare4(a, i, fresh, j) > 0) {
        copy4(a, i, a, k);
        i -= 4;
      } else {
        copy4(fresh, j, a, k);
        j -= 4;
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

/** True when the sorted array of four-word keys `a` holds `key`. */
function hasSorted(a: Uint32Array, key: Uint32Array): boolean {
  let lo = 0;
  let hi = a.length / 4;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const c = compare4(a, 4 * mid, key, 0);
    if (c === 0) return true;
    if (c < 0) lo = mid + 1;
    else hi = mid;
  }
  return false;
}
