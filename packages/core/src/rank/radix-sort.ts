/**
 * Stable LSD radix sort of unsigned 32-bit keys carrying a 32-bit payload, in 11-bit digits.
 * Measured reason: on this (virtualised, 4 KiB page) machine a random probe into a table of
 * millions costs a TLB and cache miss each, so the engine sorts a chunk's keys once and then walks
 * big tables in order instead of probing them row by row.
 * Returns the sorted keys and payloads (the inputs are used as scratch and may be returned).
 */
export function radixSortPairs(
  keys: Uint32Array<ArrayBuffer>,
  payload: Uint32Array<ArrayBuffer>,
  maxKey = 0xffffffff,
): { keys: Uint32Array<ArrayBuffer>; payload: Uint32Array<ArrayBuffer> } {
  const n = keys.length;
  let srcK = keys;
  let srcP = payload;
  if (n < 2) return { keys: srcK, payload: srcP };
  let dstK = new Uint32Array(n);
  let dstP = new Uint32Array(n);
  const counts = new Uint32Array(2048);
  for (let shift = 0; shift < 32 && maxKey >>> shift !== 0; shift += 11) {
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const d = ((srcK[i] ?? 0) >>> shift) & 2047;
      counts[d] = (counts[d] ?? 0) + 1;
    }
    // A digit every key shares moves nothing: skip the scatter.
    if (counts[((srcK[0] ?? 0) >>> shift) & 2047] === n) continue;
    let sum = 0;
    for (let d = 0; d < 2048; d++) {
      const c = counts[d] ?? 0;
      counts[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const k = srcK[i] ?? 0;
      const d = (k >>> shift) & 2047;
      const at = counts[d] ?? 0;
      counts[d] = at + 1;
      dstK[at] = k;
      dstP[at] = srcP[i] ?? 0;
    }
    [srcK, dstK] = [dstK, srcK];
    [srcP, dstP] = [dstP, srcP];
  }
  return { keys: srcK, payload: srcP };
}
