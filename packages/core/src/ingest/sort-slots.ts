/**
 * Sorting a day's rollup rows for output. Rows leave sorted by address text, the order of the
 * (…, day, ip) keys they are stored under, so the database appends to its index; a comparator
 * sort over a few hundred thousand rows took ~0.6 s per million lines, a native sort of packed
 * (key, slot) pairs a few tens of ms.
 */

// Rank of each octet's decimal text among the 256 in byte order: "0" < "1" < "10" < "100" < ...
const OCTET_RANK = (() => {
  const rank = new Uint8Array(256);
  const texts = Array.from({ length: 256 }, (_, i) => String(i)).sort();
  texts.forEach((t, r) => (rank[Number(t)] = r));
  return rank;
})();

/**
 * A number whose numeric order is the byte order of the address's dotted-quad text. Comparing two
 * such texts is comparing their octet texts in turn (a shorter octet text that is a prefix of the
 * other sorts first, as "." and the end sort before digits), so ranking each octet's text is enough.
 */
export function ipv4TextKey(ip: number): number {
  return (
    (OCTET_RANK[ip >>> 24] ?? 0) * 0x1000000 +
    (OCTET_RANK[(ip >>> 16) & 255] ?? 0) * 0x10000 +
    (OCTET_RANK[(ip >>> 8) & 255] ?? 0) * 0x100 +
    (OCTET_RANK[ip & 255] ?? 0)
  );
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** `slots` ordered by `key` (unsigned 32-bit), ties in their given order. */
export function sortSlotsByKey(slots: readonly number[], key: (slot: number) => number): number[] {
  if (!LITTLE_ENDIAN) {
    return slots
      .map((s, i) => ({ s, i, k: key(s) }))
      .sort((a, b) => a.k - b.k || a.i - b.i)
      .map((x) => x.s);
  }
  // One 64-bit word per row, key in the high half and position in the low half: the typed
  // array's own numeric sort then orders rows with no comparator calls.
  const pairs = new BigUint64Array(slots.length);
  const words = new Uint32Array(pairs.buffer);
  for (let i = 0; i < slots.length; i++) {
    words[2 * i] = i;
    words[2 * i + 1] = key(slots[i] ?? 0);
  }
  pairs.sort();
  const out = new Array<number>(slots.length);
  for (let i = 0; i < slots.length; i++) out[i] = slots[words[2 * i] ?? 0] ?? 0;
  return out;
}

/**
 * Positions 0..n-1 ordered by their keys of `words` unsigned 32-bit words (most significant
 * first), key i at keys[at[i]..] (at keys[i * words..] when `at` is null): one stable native
 * sort per word, least significant first, on typed arrays only (12 bytes per key held while it
 * runs: it sorts the sources written to disk, hundreds of thousands at a time).
 */
export function sortKeyWords(
  keys: Uint32Array,
  at: ArrayLike<number> | null,
  n: number,
  words: number,
): Uint32Array {
  const start = (s: number) => (at === null ? s * words : (at[s] ?? 0));
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (!LITTLE_ENDIAN) {
    for (let w = words - 1; w >= 0; w--)
      order = Uint32Array.from(sortSlotsByKey([...order], (s) => keys[start(s) + w] ?? 0));
    return order;
  }
  const pairs = new BigUint64Array(n);
  const halves = new Uint32Array(pairs.buffer);
  for (let w = words - 1; w >= 0; w--) {
    for (let i = 0; i < n; i++) {
      halves[2 * i] = i;
      halves[2 * i + 1] = keys[start(order[i] ?? 0) + w] ?? 0;
    }
    pairs.sort();
    const next = new Uint32Array(n);
    for (let i = 0; i < n; i++) next[i] = order[halves[2 * i] ?? 0] ?? 0;
    order = next;
  }
  return order;
}
