// AssemblyScript. Fixed-size pages for the day rows and port pools, recycled through a free list.
//
// A day's rows grew by doubling, each copy leaving a freed block behind; with days arriving one
// after another the allocator's free space fragmented, it doubled the module's memory when no
// block was large enough, and over 10M lines the touched (resident) memory crept past 250 MB.
// Pages of one size are reused exactly: memory follows the rows alive at once.
import { zeroed } from "./memory";

export const PAGE_BYTES: u32 = 256 * 1024;

let freePages: usize = 0; // a page's first word links to the next free page

function takePage(): usize {
  const p = freePages;
  if (p == 0) return heap.alloc(PAGE_BYTES);
  freePages = load<usize>(p);
  return p;
}

/** A growable array of fixed-size records (2^shift per page), addressed by index. */
@unmanaged
export class Paged {
  pages: usize; // page pointers
  count: u32; // pages held
  capacity: u32; // room in `pages`
  shift: u32; // log2 of records per page
  bytes: u32; // bytes per record
}

export function newPaged(recordBytes: u32): Paged {
  const p = changetype<Paged>(zeroed(offsetof<Paged>()));
  p.bytes = recordBytes;
  p.shift = <u32>ctz(PAGE_BYTES / recordBytes);
  p.capacity = 8;
  p.pages = heap.alloc(8 * sizeof<usize>());
  return p;
}

/** Where record `index` lives (its page must exist: see ensureRecord). */
// @ts-ignore: AssemblyScript decorator
@inline export function recordAt(p: Paged, index: u32): usize {
  const page = load<usize>(p.pages + (<usize>(index >>> p.shift) << alignof<usize>()));
  return page + <usize>(index & ((1 << p.shift) - 1)) * p.bytes;
}

/** Adds pages until record `index` has one. */
export function ensureRecord(p: Paged, index: u32): void {
  growTo(p, index >>> p.shift);
}

/**
 * recordAt for records whose size does not divide a page (port blocks, 640 bytes): a division
 * per access, where padding them to a power of two would cost a third more memory.
 */
export function recordAtDiv(p: Paged, index: u32): usize {
  const perPage = PAGE_BYTES / p.bytes;
  const page = load<usize>(p.pages + (<usize>(index / perPage) << alignof<usize>()));
  return page + <usize>(index % perPage) * p.bytes;
}

export function ensureRecordDiv(p: Paged, index: u32): void {
  growTo(p, index / (PAGE_BYTES / p.bytes));
}

function growTo(p: Paged, page: u32): void {
  while (page >= p.count) {
    if (p.count == p.capacity) {
      p.capacity *= 2;
      p.pages = heap.realloc(p.pages, <usize>p.capacity * sizeof<usize>());
    }
    store<usize>(p.pages + (<usize>p.count << alignof<usize>()), takePage());
    p.count++;
  }
}

/** Gives every page back to the free list. */
export function releasePages(p: Paged): void {
  for (let k: u32 = 0; k < p.count; k++) {
    const page = load<usize>(p.pages + (<usize>k << alignof<usize>()));
    store<usize>(page, freePages);
    freePages = page;
  }
  p.count = 0;
}

export function pageAt(p: Paged, k: u32): usize {
  return load<usize>(p.pages + (<usize>k << alignof<usize>()));
}
