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

/**
 * A table of [ip, value] cells (value 0 = empty, linear probing) rehashed into one twice as
 * large; frees the old cells and returns the new ones (2 * oldBuckets buckets).
 */
export function doubledTable(old: usize, oldBuckets: u32): usize {
  const mask = oldBuckets * 2 - 1;
  const cells = zeroed(<usize>(mask + 1) * 8);
  for (let j: u32 = 0; j < oldBuckets; j++) {
    const v = load<u32>(old + <usize>j * 8, 4);
    if (v == 0) continue;
    const ip = load<u32>(old + <usize>j * 8);
    let i = hash(ip) & mask;
    while (load<u32>(cells + <usize>i * 8, 4) != 0) i = (i + 1) & mask;
    store<u32>(cells + <usize>i * 8, ip);
    store<u32>(cells + <usize>i * 8, v, 4);
  }
  heap.free(old);
  return cells;
}
