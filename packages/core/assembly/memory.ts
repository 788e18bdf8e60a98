// AssemblyScript. Small helpers shared by the kernel's tables.

/** `bytes` of fresh memory, zeroed. */
export function zeroed(bytes: usize): usize {
  const p = heap.alloc(bytes);
  memory.fill(p, 0, bytes);
  return p;
}

/** The smallest power of two >= n, at least 64. */
export function capacityFor(n: u32): u32 {
  return n <= 64 ? 64 : <u32>1 << (32 - clz(n - 1));
}

// @ts-ignore: AssemblyScript decorator
@inline export function hash(ip: u32): u32 {
  // murmur3 fmix32, as Ipv4SlotTable: one /24 scanning spreads over the table.
  let h = (ip ^ (ip >>> 16)) * 0x85ebca6b;
  h = (h ^ (h >>> 13)) * 0xc2b2ae35;
  return h ^ (h >>> 16);
}
