// AssemblyScript. The window of log bytes the kernel reads, and the byte-level helpers over it.

let buffer: usize = 0; // the kernel's own window, which the host copies lines into
let input: usize = 0; // the window being read: that buffer, or bytes the host read into memory
const padSave = memory.data(32);

/**
 * Allocates the input: `bytes` plus 32 bytes of padding, so SIMD loads never leave it (findPair
 * reads up to 16 + d bytes past a position below the window's end).
 */
export function inputSetup(bytes: i32): void {
  buffer = heap.alloc(<usize>bytes + 32);
  input = buffer;
}

/** The kernel's own window buffer. */
export function inputAt(): usize {
  return buffer;
}

/** Reads windows at `base` from now on (positions are relative to it). */
export function useInput(base: usize): void {
  input = base;
}

/** Where the window being read starts. */
export function inputBase(): usize {
  return input;
}

/**
 * Zeroes the 32 bytes after the window: SIMD loads past its end must not see a stale "\n" or
 * key. They may be the next window's first bytes (a window read where the host's read left it),
 * so unpadInput puts them back.
 */
export function padInput(length: i32): void {
  memory.copy(padSave, input + <usize>length, 32);
  v128.store(input + <usize>length, i8x16.splat(0));
  v128.store(input + <usize>length, i8x16.splat(0), 16);
}

export function unpadInput(length: i32): void {
  memory.copy(input + <usize>length, padSave, 32);
}

// @ts-ignore: AssemblyScript decorator
@inline export function at(i: i32): i32 {
  return <i32>load<u8>(input + <usize>i);
}

// @ts-ignore: AssemblyScript decorator
@inline export function digit(i: i32): i32 {
  const d = at(i) - 48;
  return <u32>d <= 9 ? d : -1000;
}

/** Bit k set when byte p + k is `c`. */
// @ts-ignore: AssemblyScript decorator
@inline export function mask16(p: i32, c: i32): i32 {
  return i8x16.bitmask(i8x16.eq(v128.load(input + <usize>p), i8x16.splat(<i8>c)));
}

/** True when input[i..] is " KEY=" for the three letters a b c. */
// @ts-ignore: AssemblyScript decorator
@inline export function key3(i: i32, a: i32, b: i32, c: i32): bool {
  return at(i) == 32 && at(i + 4) == 61 && at(i + 1) == a && at(i + 2) == b && at(i + 3) == c;
}

/** The first position of byte `c` in [from, to), or `to`, 16 bytes at a time. */
export function find(c: i32, from: i32, to: i32): i32 {
  for (let b = from; b < to; b += 16) {
    const m = mask16(b, c);
    if (m != 0) return min(b + ctz(m), to);
  }
  return to;
}

/**
 * The first position p in [from, to) where byte p is `a` and byte p + d is `c` (d at most 16),
 * or -1; 16 positions compared at a time, so a key is found without a branch per byte.
 */
export function findPair(from: i32, to: i32, a: i32, d: i32, c: i32): i32 {
  const wa = i8x16.splat(<i8>a);
  const wc = i8x16.splat(<i8>c);
  for (let b = from; b < to; b += 16) {
    const x = i8x16.eq(v128.load(input + <usize>b), wa);
    const y = i8x16.eq(v128.load(input + <usize>(b + d)), wc);
    const m = i8x16.bitmask(v128.and(x, y));
    if (m != 0) {
      const p = b + ctz(m);
      return p < to ? p : -1;
    }
  }
  return -1;
}
