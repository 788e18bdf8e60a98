import { lookupAsIndexV4, lookupAsIndexV6 } from "../asn/lookup-asn.ts";
import { type TAsnTable } from "../asn/asn-table.ts";
import { isBogonV4, isBogonV6 } from "../net/bogon.ts";
import { formatIpv4, formatIpv6 } from "../net/format-ip.ts";
import { type TParsedIp } from "../net/parse-ip.ts";
import { ParsedRows } from "./parsed-rows.ts";
import { radixSortPairs } from "./radix-sort.ts";
import { V6Index } from "./v6-index.ts";

/**
 * Every distinct source address a snapshot knows, interned to a dense id so that per-IP state
 * lives in typed arrays. Append-only: ids never change, which lets a snapshot and its incremental
 * successor share one registry. Ids are given in first-seen order.
 *
 * IPv4 addresses are found through an array sorted by address rather than a hash table: a chunk of
 * rows is sorted and merged against it in one sequential pass, where hash probes into millions of
 * entries cost a cache and TLB miss per row (measured: 27 % of ranking time, docs/benchmarks.md).
 */
export class IpRegistry {
  size = 0;
  /** 4 or 6. */
  family: Uint8Array = new Uint8Array(1024);
  v4: Uint32Array = new Uint32Array(1024);
  /** Four words per id (IPv6 only). */
  v6: Uint32Array = new Uint32Array(4096);
  /** Origin AS number, 0 when unknown or unannounced (AS 0 is never originated, RFC 7607). */
  asn: Uint32Array = new Uint32Array(1024);
  bogon: Uint8Array = new Uint8Array(1024);
  /** IPv4 addresses ascending, with their ids; `v4Count` entries are in use. */
  private v4Sorted: Uint32Array<ArrayBuffer> = new Uint32Array(1024);
  private v4SortedIds = new Int32Array(1024);
  private v4Count = 0;
  private v6Index = new V6Index();
  private scratch: Uint32Array<ArrayBuffer> = new Uint32Array(0);

  /** Id of an address, interning it (and looking up its AS once) when new; -1 for invalid text. */
  intern(text: string, asnTable: TAsnTable | null): number {
    const rows = new ParsedRows(1);
    rows.push(text);
    return this.internRows(rows, asnTable)[0] ?? -1;
  }

  /**
   * Ids of a chunk of parsed rows (-1 where invalid), interning new addresses in row order and
   * looking up their AS. Cost: a sort of the chunk plus one merge with the known addresses.
   */
  internRows(rows: ParsedRows, asnTable: TAsnTable | null): Int32Array {
    const { n, fam } = rows;
    const ids = new Int32Array(n).fill(-1);
    let m = 0;
    for (let i = 0; i < n; i++) if (fam[i] === 4) m++;
    if (this.scratch.length < 3 * m) this.scratch = new Uint32Array(3 * m);
    // Reused between chunks: fresh buffers per chunk showed as garbage-collection time.
    const keys = this.scratch.subarray(0, m);
    const rowOf = this.scratch.subarray(m, 2 * m);
    for (let i = 0, j = 0; i < n; i++) {
      if (fam[i] !== 4) continue;
      keys[j] = rows.v4[i] ?? 0;
      rowOf[j++] = i;
    }
    const sorted = radixSortPairs(keys, rowOf);
    // Known addresses get their id now; new distinct ones are numbered -2 - k in address order.
    const newKeys = this.scratch.subarray(2 * m, 3 * m);
    let newCount = 0;
    const known = this.v4Sorted;
    const knownIds = this.v4SortedIds;
    const count = this.v4Count;
    let p = 0;
    let prevKey = -1;
    let prevId = -1;
    for (let j = 0; j < m; j++) {
      const key = sorted.keys[j] ?? 0;
      const row = sorted.payload[j] ?? 0;
      if (key === prevKey) {
        ids[row] = prevId;
        continue;
      }
      p = seek(known, p, count, key);
      prevKey = key;
      if (p < count && known[p] === key) prevId = knownIds[p] ?? -1;
      else {
        newKeys[newCount] = key;
        prevId = -2 - newCount++;
      }
      ids[row] = prevId;
    }
    // Ids in row order across both families, so an address's id is its first sighting.
    const newIdOf = new Int32Array(newCount).fill(-1);
    for (let i = 0; i < n; i++) {
      const f = fam[i];
      if (f === 6) ids[i] = this.internV6(rows.v6, i * 4, asnTable);
      else if (f === 4) {
        const mark = ids[i] ?? -1;
        if (mark >= -1) continue;
        const k = -2 - mark;
        let id = newIdOf[k] ?? -1;
        if (id < 0) {
          id = this.size++;
          newIdOf[k] = id;
          this.ensure(this.size);
          this.family[id] = 4;
        }
        ids[i] = id;
      }
    }
    this.addV4Sorted(newKeys, newIdOf, newCount, asnTable);
    return ids;
  }

  /** IPv4 addresses ascending with their ids (views, valid until the next intern). */
  v4ByAddress(): { keys: Uint32Array; ids: Int32Array } {
    return { keys: this.v4Sorted.subarray(0, this.v4Count), ids: this.v4SortedIds.subarray(0, this.v4Count) };
  }

  /** Id of an already parsed address, or -1 when never seen. */
  find(parsed: TParsedIp): number {
    if (parsed.family === 4) {
      const p = seek(this.v4Sorted, 0, this.v4Count, parsed.v4 >>> 0);
      return p < this.v4Count && this.v4Sorted[p] === parsed.v4 >>> 0 ? (this.v4SortedIds[p] ?? -1) : -1;
    }
    return this.v6Index.find(parsed.words, 0, this.v6);
  }

  /** Canonical text of an id (regenerated rather than stored: millions of strings cost more than the arrays). */
  textOf(id: number): string {
    return this.family[id] === 4 ? formatIpv4(this.v4[id] ?? 0) : formatIpv6(this.v6, id * 4);
  }

  private internV6(words: Uint32Array, at: number, asnTable: TAsnTable | null): number {
    const known = this.v6Index.find(words, at, this.v6);
    if (known >= 0) return known;
    const id = this.size++;
    this.ensure(this.size);
    this.family[id] = 6;
    this.v6.set(words.subarray(at, at + 4), id * 4);
    this.v6Index.add(id, this.v6);
    const w = this.v6.subarray(id * 4, id * 4 + 4);
    this.bogon[id] = isBogonV6(w) ? 1 : 0;
    if (asnTable && !this.bogon[id]) {
      const idx = lookupAsIndexV6(asnTable, this.v6, id * 4);
      this.asn[id] = idx >= 0 ? (asnTable.asns[idx] ?? 0) : 0;
    }
    return id;
  }

  /** Fills the new IPv4 ids' attributes in address order (the AS table is walked forwards) and merges them into the sorted index. */
  private addV4Sorted(keys: Uint32Array, ids: Int32Array, k: number, asnTable: TAsnTable | null): void {
    for (let j = 0; j < k; j++) {
      const id = ids[j] ?? 0;
      const v4 = keys[j] ?? 0;
      this.v4[id] = v4;
      this.bogon[id] = isBogonV4(v4) ? 1 : 0;
      if (asnTable && !this.bogon[id]) {
        const idx = lookupAsIndexV4(asnTable, v4);
        this.asn[id] = idx >= 0 ? (asnTable.asns[idx] ?? 0) : 0;
      }
    }
    if (k === 0) return;
    const total = this.v4Count + k;
    if (total > this.v4Sorted.length) {
      const cap = Math.max(total, this.v4Sorted.length * 2);
      this.v4Sorted = growU32(this.v4Sorted, cap);
      const grown = new Int32Array(cap);
      grown.set(this.v4SortedIds);
      this.v4SortedIds = grown;
    }
    // Merge from the back in place: both runs are ascending and disjoint.
    const a = this.v4Sorted;
    const aIds = this.v4SortedIds;
    let i = this.v4Count - 1;
    let j = k - 1;
    for (let out = total - 1; j >= 0; out--) {
      if (i >= 0 && (a[i] ?? 0) > (keys[j] ?? 0)) {
        a[out] = a[i] ?? 0;
        aIds[out] = aIds[i--] ?? 0;
      } else {
        a[out] = keys[j] ?? 0;
        aIds[out] = ids[j--] ?? 0;
      }
    }
    this.v4Count = total;
  }

  private ensure(n: number): void {
    if (n <= this.family.length) return;
    const cap = Math.max(n, this.family.length * 2);
    this.family = growU8(this.family, cap);
    this.bogon = growU8(this.bogon, cap);
    this.v4 = growU32(this.v4, cap);
    this.asn = growU32(this.asn, cap);
    this.v6 = growU32(this.v6, cap * 4);
  }
}

/**
 * First index in sorted[from..count) whose value is >= key. Gallops from `from`, so a chunk's
 * ascending keys cost one pass over the index when dense and a few probes each when sparse.
 */
function seek(sorted: Uint32Array, from: number, count: number, key: number): number {
  if (from >= count || (sorted[from] ?? 0) >= key) return from;
  let step = 1;
  let lo = from;
  let hi = from + 1;
  while (hi < count && (sorted[hi] ?? 0) < key) {
    lo = hi;
    step *= 2;
    hi = from + step;
  }
  if (hi > count) hi = count;
  // Invariant: sorted[lo] < key, and sorted[hi] >= key or hi == count.
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? 0) < key) lo = mid;
    else hi = mid;
  }
  return hi;
}

function growU8(a: Uint8Array, cap: number): Uint8Array {
  const b = new Uint8Array(cap);
  b.set(a);
  return b;
}

function growU32(a: Uint32Array, cap: number): Uint32Array<ArrayBuffer> {
  const b = new Uint32Array(cap);
  b.set(a);
  return b;
}
