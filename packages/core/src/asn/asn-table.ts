/**
 * IP -> AS table as flat typed arrays: sorted, non-overlapping inclusive ranges searched by
 * bisection. ~515k ranges fit in ~10 MB, against hundreds of MB for objects per row.
 */
export type TAsnTable = {
  /** IPv4 range bounds (inclusive) and the AS index of each range. */
  v4Start: Uint32Array;
  v4End: Uint32Array;
  v4As: Uint32Array;
  /** IPv6 range bounds, four big-endian words per range. */
  v6Start: Uint32Array;
  v6End: Uint32Array;
  v6As: Uint32Array;
  /**
   * First-level buckets (measured hot: plain bisection over 412k ranges managed 3M lookups/s, cache
   * misses bound). v4Buckets[b] = number of IPv4 ranges starting before b << 16; v6Buckets[b] =
   * number of IPv6 ranges whose first word's top 20 bits are below b. Bisection then runs inside one bucket.
   */
  v4Buckets: Uint32Array;
  v6Buckets: Uint32Array;
  /** Per AS index: its number, organisation, IPv4 addresses and IPv6 /64 subnets announced. */
  asns: Uint32Array;
  orgs: string[];
  v4Size: Float64Array;
  v6Size64: Float64Array;
  asIndex: Map<number, number>;
};

export type TAsnRow = { start: number; end: number; asn: number; org: string };
export type TAsnRowV6 = { start: Uint32Array; end: Uint32Array; asn: number; org: string };

/** Growable builder used by the CSV loader; rows must arrive sorted by start. */
export class AsnTableBuilder {
  private v4: { start: number[]; end: number[]; as: number[] } = { start: [], end: [], as: [] };
  private v6: { start: number[]; end: number[]; as: number[] } = { start: [], end: [], as: [] };
  private asns: number[] = [];
  private orgs: string[] = [];
  private v4Size: number[] = [];
  private v6Size64: number[] = [];
  private asIndex = new Map<number, number>();

  addV4(start: number, end: number, asn: number, org: string): void {
    const last = this.v4.end.length - 1;
    // The published data has the odd overlap (e.g. two DoD rows); the earlier row keeps the overlap.
    const prevEnd = last >= 0 ? (this.v4.end[last] ?? -1) : -1;
    if (start <= prevEnd) start = prevEnd + 1;
    if (end < start) return;
    const idx = this.intern(asn, org);
    this.v4.start.push(start);
    this.v4.end.push(end);
    this.v4.as.push(idx);
    this.v4Size[idx] = (this.v4Size[idx] ?? 0) + (end - start + 1);
  }

  addV6(start: ArrayLike<number>, end: ArrayLike<number>, asn: number, org: string): void {
    const n = this.v6.as.length;
    if (n > 0 && compareWords(start, 0, this.v6.end, (n - 1) * 4) <= 0) return;
    const idx = this.intern(asn, org);
    for (let w = 0; w < 4; w++) {
      this.v6.start.push(start[w] ?? 0);
      this.v6.end.push(end[w] ?? 0);
    }
    this.v6.as.push(idx);
    this.v6Size64[idx] = (this.v6Size64[idx] ?? 0) + size64(start, end);
  }

  build(): TAsnTable {
    const n = this.asns.length;
    const v4Size = new Float64Array(n);
    const v6Size64 = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      v4Size[i] = this.v4Size[i] ?? 0;
      v6Size64[i] = this.v6Size64[i] ?? 0;
    }
    const v4Start = Uint32Array.from(this.v4.start);
    const v6Start = Uint32Array.from(this.v6.start);
    return {
      v4Start,
      v4End: Uint32Array.from(this.v4.end),
      v4As: Uint32Array.from(this.v4.as),
      v6Start,
      v6End: Uint32Array.from(this.v6.end),
      v6As: Uint32Array.from(this.v6.as),
      v4Buckets: bucketCounts(
        v4Start.length,
        (i) => (v4Start[i] ?? 0) >>> V4_BUCKET_SHIFT,
        2 ** (32 - V4_BUCKET_SHIFT),
      ),
      v6Buckets: bucketCounts(
        this.v6.as.length,
        (i) => (v6Start[i * 4] ?? 0) >>> V6_BUCKET_SHIFT,
        2 ** (32 - V6_BUCKET_SHIFT),
      ),
      asns: Uint32Array.from(this.asns),
      orgs: this.orgs,
      v4Size,
      v6Size64,
      asIndex: this.asIndex,
    };
  }

  private intern(asn: number, org: string): number {
    let idx = this.asIndex.get(asn);
    if (idx === undefined) {
      idx = this.asns.length;
      this.asIndex.set(asn, idx);
      this.asns.push(asn);
      this.orgs.push(org);
    } else if (!this.orgs[idx] && org) this.orgs[idx] = org;
    return idx;
  }
}

export const V4_BUCKET_SHIFT = 16;
export const V6_BUCKET_SHIFT = 12;

/** out[b] = how many of the (sorted) items have a bucket below b, for b in 0..buckets. */
function bucketCounts(n: number, bucketOf: (i: number) => number, buckets: number): Uint32Array {
  const out = new Uint32Array(buckets + 1);
  let j = 0;
  for (let b = 0; b <= buckets; b++) {
    while (j < n && bucketOf(j) < b) j++;
    out[b] = j;
  }
  return out;
}

export function compareWords(a: ArrayLike<number>, ao: number, b: ArrayLike<number>, bo: number): number {
  for (let w = 0; w < 4; w++) {
    const x = a[ao + w] ?? 0;
    const y = b[bo + w] ?? 0;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** Number of /64 subnets in an inclusive range; fractional for ranges narrower than a /64. */
function size64(start: ArrayLike<number>, end: ArrayLike<number>): number {
  // Differences word by word: the 64-bit halves themselves exceed 2^53 and would lose the low bits.
  const d = (w: number) => (end[w] ?? 0) - (start[w] ?? 0);
  const hiDiff = d(0) * 2 ** 32 + d(1);
  const loDiff = (d(2) * 2 ** 32 + d(3)) / 2 ** 64;
  return hiDiff + loDiff + 2 ** -64;
}
