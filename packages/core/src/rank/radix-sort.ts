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
  // Scratch reused across calls (sorting is synchronous): fresh multi-megabyte buffers per chunk
  // showed as garbage-collection time, since external memory growth triggers full collections.
  if (scratchK.length < n) {
    scratchK = new Uint32Array(n);
    scratchP = new Uint32Array(n);
  }
  let dstK = scratchK.subarray(0, n);
  let dstP = scratchP.subarray(0, n);
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
  // The result must not alias the scratch, which the next call overwrites.
  if (srcK.buffer === scratchK.buffer) {
    keys.set(srcK);
    payload.set(srcP);
    return { keys, payload };
  }
  return { keys: srcK, payload: srcP };
}

let scratchK = new Uint32Array(0);
let scratchP = new Uint32Array(0);
