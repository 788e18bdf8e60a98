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

/** The union of two sorted arrays of four-word keys with no key in common, sorted. */
export function mergeSorted(a: Uint32Array, b: Uint32Array): Uint32Array {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  const out = new Uint32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) {
    if (compare4(a, i, b, j) < 0) {
      copy4(a, i, out, k);
      i += 4;
    } else {
      copy4(b, j, out, k);
      j += 4;
    }
    k += 4;
  }
  out.set(a.subarray(i), k);
  out.set(b.subarray(j), k + a.length - i);
  return out;
}

/** True when the sorted array of four-word keys `a` holds `key`. */
export function hasSorted(a: Uint32Array, key: Uint32Array): boolean {
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
