// AssemblyScript. The addresses of a day whose rows were handed over, as a sorted array of u32:
// a late line for one of them starts a continued row, and it is not a new (day, source) pair.
// Kept as 4 bytes per address instead of the day's hash table (8 bytes a bucket at 35-70% load,
// so 11-23 bytes per address), which held every handed-over day in memory and took the peak
// RSS of a 20M-line log past 250 MB.

/**
 * Sorts the u64 records a[0, n) by their high 32 bits (an address; the low word rides along) in
 * place: least significant byte first, through `tmp` (n u64).
 */
export function sortByHighWord(a: usize, tmp: usize, n: u32): void {
  const counts = memory.data(256 * 4);
  let from = a;
  let to = tmp;
  for (let shift: u64 = 32; shift < 64; shift += 8) {
    memory.fill(counts, 0, 256 * 4);
    for (let i: u32 = 0; i < n; i++) {
      const c = counts + (<usize>((load<u64>(from + (<usize>i << 3)) >>> shift) & 255) << 2);
      store<u32>(c, load<u32>(c) + 1);
    }
    let sum: u32 = 0;
    for (let b = 0; b < 256; b++) {
      const c = counts + (<usize>b << 2);
      const k = load<u32>(c);
      store<u32>(c, sum);
      sum += k;
    }
    for (let i: u32 = 0; i < n; i++) {
      const v = load<u64>(from + (<usize>i << 3));
      const c = counts + (<usize>((v >>> shift) & 255) << 2);
      const at = load<u32>(c);
      store<u32>(c, at + 1);
      store<u64>(to + (<usize>at << 3), v);
    }
    const t = from;
    from = to;
    to = t;
  }
  // Four passes: the sorted records are back in `a`.
}

/**
 * The union of the sorted array `old` (oldN, freed here; 0 for none) and the n sorted distinct
 * addresses at `fresh`, none of which is in `old`: a new array of oldN + n.
 */
export function mergeClosed(old: usize, oldN: u32, fresh: usize, n: u32): usize {
  const out = heap.alloc(<usize>max<u32>(oldN + n, 1) << 2);
  let i: u32 = 0;
  let j: u32 = 0;
  let k: u32 = 0;
  while (i < oldN && j < n) {
    const a = load<u32>(old + (<usize>i << 2));
    const b = load<u32>(fresh + (<usize>j << 2));
    if (a < b) {
      store<u32>(out + (<usize>k << 2), a);
      i++;
    } else {
      store<u32>(out + (<usize>k << 2), b);
      j++;
    }
    k++;
  }
  if (i < oldN) memory.copy(out + (<usize>k << 2), old + (<usize>i << 2), <usize>(oldN - i) << 2);
  else if (j < n) memory.copy(out + (<usize>k << 2), fresh + (<usize>j << 2), <usize>(n - j) << 2);
  if (old != 0) heap.free(old);
  return out;
}

/** True when `ip` is in the sorted array a[0, n). */
export function isClosed(a: usize, n: u32, ip: u32): bool {
  let lo: u32 = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = load<u32>(a + (<usize>mid << 2));
    if (v == ip) return true;
    if (v < ip) lo = mid + 1;
    else hi = mid;
  }
  return false;
}
