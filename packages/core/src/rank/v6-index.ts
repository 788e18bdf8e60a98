/**
 * IPv6 address -> registry id, open addressing over the registry's own word array, so a lookup
 * allocates nothing (the former string-keyed Map built a key string per row).
 */
export class V6Index {
  /** id + 1 per bucket, 0 = empty. */
  private table = new Int32Array(1024);
  private mask = 1023;
  size = 0;

  /** Id stored for words[at..at+3], or -1; `stored` is the registry's four-words-per-id array. */
  find(words: Uint32Array, at: number, stored: Uint32Array): number {
    const t = this.table;
    for (let i = hash4(words, at) & this.mask; ; i = (i + 1) & this.mask) {
      const v = t[i] ?? 0;
      if (v === 0) return -1;
      const base = (v - 1) * 4;
      if (
        stored[base] === words[at] &&
        stored[base + 1] === words[at + 1] &&
        stored[base + 2] === words[at + 2] &&
        stored[base + 3] === words[at + 3]
      )
        return v - 1;
    }
  }

  /** Records id, whose words are already in `stored`; the address must not be present. */
  add(id: number, stored: Uint32Array): void {
    if ((this.size + 1) * 2 > this.mask) this.grow(stored);
    this.place(id, stored);
    this.size++;
  }

  private place(id: number, stored: Uint32Array): void {
    const t = this.table;
    let i = hash4(stored, id * 4) & this.mask;
    while ((t[i] ?? 0) !== 0) i = (i + 1) & this.mask;
    t[i] = id + 1;
  }

  private grow(stored: Uint32Array): void {
    const old = this.table;
    this.table = new Int32Array(old.length * 2);
    this.mask = this.table.length - 1;
    for (const v of old) if (v !== 0) this.place(v - 1, stored);
  }
}

function hash4(w: Uint32Array, at: number): number {
  let h = Math.imul((w[at] ?? 0) ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (w[at + 1] ?? 0), 0xc2b2ae35);
  h = Math.imul(h ^ (w[at + 2] ?? 0), 0x85ebca6b);
  h = Math.imul(h ^ (w[at + 3] ?? 0), 0xc2b2ae35);
  return (h ^ (h >>> 15)) >>> 0;
}
