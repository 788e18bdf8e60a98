// AssemblyScript. The log prefixes the kernel knows, with the action the host's parser gave each
// (a firewall logs through a handful of rules; a new prefix goes to the host once).
import { inputBase } from "./input";

const PREFIXES: i32 = 16;
const PREFIX_BYTES: i32 = 256;

let prefixText: usize = 0;
let prefixLength: usize = 0; // i32 per slot, -1 = free
let prefixAction: usize = 0; // i32 per slot
let lastPrefix: i32 = -1;

export function prefixesSetup(): void {
  prefixText = heap.alloc(<usize>(PREFIXES * PREFIX_BYTES));
  prefixLength = heap.alloc(<usize>(PREFIXES * 4));
  prefixAction = heap.alloc(<usize>(PREFIXES * 4));
  forgetPrefixes();
}

function forgetPrefixes(): void {
  for (let k = 0; k < PREFIXES; k++) store<i32>(prefixLength + (<usize>k << 2), -1);
  lastPrefix = -1;
}

/** Remembers the prefix input[start, end) with its action in `slot` (the host picks slots). */
export function learnPrefix(slot: i32, start: i32, end: i32, action: i32): bool {
  const n = end - start;
  if (slot < 0 || slot >= PREFIXES || n < 0 || n > PREFIX_BYTES) return false;
  memory.copy(prefixText + <usize>(slot * PREFIX_BYTES), inputBase() + <usize>start, <usize>n);
  store<i32>(prefixLength + (<usize>slot << 2), n);
  store<i32>(prefixAction + (<usize>slot << 2), action);
  return true;
}

function samePrefix(slot: i32, start: i32, n: i32): bool {
  if (load<i32>(prefixLength + (<usize>slot << 2)) != n) return false;
  const a = prefixText + <usize>(slot * PREFIX_BYTES);
  const b = inputBase() + <usize>start;
  let q = 0;
  for (; q + 8 <= n; q += 8) if (load<u64>(a + <usize>q) != load<u64>(b + <usize>q)) return false;
  for (; q < n; q++) if (load<u8>(a + <usize>q) != load<u8>(b + <usize>q)) return false;
  return true;
}

export function prefixSlot(start: i32, end: i32): i32 {
  const n = end - start;
  if (lastPrefix >= 0 && samePrefix(lastPrefix, start, n)) return lastPrefix;
  for (let k = 0; k < PREFIXES; k++) {
    if (samePrefix(k, start, n)) {
      lastPrefix = k;
      return k;
    }
  }
  return -1;
}

/** The action learnt with prefix slot `slot`. */
export function prefixActionOf(slot: i32): i32 {
  return load<i32>(prefixAction + (<usize>slot << 2));
}
