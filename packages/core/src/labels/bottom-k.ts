/**
 * The `k` items with the smallest keys of a stream, in memory for `k` items whatever the stream's
 * length (a binary max-heap on the key, so the largest kept key is evicted first). With keys that
 * are a seeded hash of each item, the kept items are a uniform random sample that does not depend on
 * the order the stream arrives in ("bottom-k" sampling). Ties keep the earlier item.
 */
export class BottomK<T> {
  private readonly heap: { key: number; seq: number; item: T }[] = [];
  private seen = 0;

  constructor(readonly k: number) {}

  /** Items offered so far, kept or not. */
  get offered(): number {
    return this.seen;
  }

  /** Whether an item with this key would be kept now; lets the caller skip building an item it would drop. */
  accepts(key: number): boolean {
    if (this.k <= 0) return false;
    const top = this.heap[0];
    return this.heap.length < this.k || (top !== undefined && key < top.key);
  }

  /** Counts the item as offered and keeps it if its key is among the k smallest; `make` builds it only then. */
  offer(key: number, make: () => T): void {
    const seq = this.seen++;
    if (!this.accepts(key)) return;
    const entry = { key, seq, item: make() };
    if (this.heap.length < this.k) {
      this.heap.push(entry);
      this.siftUp(this.heap.length - 1);
    } else {
      this.heap[0] = entry;
      this.siftDown(0);
    }
  }

  /** The kept items with their offer order, smallest key first. */
  sorted(): { key: number; seq: number; item: T }[] {
    return [...this.heap].sort((a, b) => a.key - b.key || a.seq - b.seq);
  }

  private larger(i: number, j: number): boolean {
    const a = this.heap[i];
    const b = this.heap[j];
    if (!a || !b) return false;
    return a.key > b.key || (a.key === b.key && a.seq > b.seq);
  }

  private swap(i: number, j: number): void {
    const a = this.heap[i];
    const b = this.heap[j];
    if (!a || !b) return;
    this.heap[i] = b;
    this.heap[j] = a;
  }

  private siftUp(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.larger(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(i: number): void {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let top = i;
      if (l < this.heap.length && this.larger(l, top)) top = l;
      if (r < this.heap.length && this.larger(r, top)) top = r;
      if (top === i) return;
      this.swap(i, top);
      i = top;
    }
  }
}

/** A seeded 32-bit hash of a text (FNV-1a, then a murmur3 finaliser so nearby texts spread out). */
export function sampleKey(seed: number, text: string): number {
  let h = (0x811c9dc5 ^ Math.imul(seed | 0, 0x9e3779b1)) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
