/**
 * A 256-register HyperLogLog over destination ports (about 6.5% standard error), used once an
 * address has touched more than PORT_EXACT_BOUND distinct ports: a full port scan then costs
 * 256 bytes instead of a 65,536-entry map.
 */
const P = 8;
const M = 1 << P;
const ALPHA = 0.7213 / (1 + 1.079 / M);

function mix(x: number): number {
  // murmur3 fmix32: spreads consecutive port numbers across registers.
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function createPortSketch(): Uint8Array {
  return new Uint8Array(M);
}

export function addToPortSketch(sketch: Uint8Array, port: number): void {
  const h = mix(port + 0x9e3779b9);
  const idx = h >>> (32 - P);
  const rest = (h << P) >>> 0;
  const rank = rest === 0 ? 32 - P + 1 : Math.clz32(rest) + 1;
  if (rank > (sketch[idx] ?? 0)) sketch[idx] = rank;
}

export function estimatePortSketch(sketch: Uint8Array): number {
  let sum = 0;
  let zeros = 0;
  for (let i = 0; i < M; i++) {
    const r = sketch[i] ?? 0;
    sum += 2 ** -r;
    if (r === 0) zeros++;
  }
  const raw = (ALPHA * M * M) / sum;
  // Small-range correction (linear counting) is far more accurate below 2.5 * M.
  const estimate = raw <= 2.5 * M && zeros > 0 ? M * Math.log(M / zeros) : raw;
  return Math.min(65536, Math.round(estimate));
}
