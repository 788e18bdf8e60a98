import { parseIp } from "../net/parse-ip.ts";
import { parseCidr } from "../ip-lists/ip-text.ts";

export type TCidrSet = { has(ip: string): boolean; size: number };

/**
 * Membership in a union of CIDRs: IPv4 ranges merged and searched by bisection (the benign and
 * scanner lists hold tens of thousands of overlapping blocks), IPv6 likewise on 128-bit integers.
 */
export function createCidrSet(cidrs: Iterable<string>): TCidrSet {
  const v4: [number, number][] = [];
  const v6: [bigint, bigint][] = [];
  for (const c of cidrs) {
    const r = parseCidr(c);
    if (!r) continue;
    if (r.family === 4) v4.push([r.start, r.end]);
    else v6.push([r.start, r.end]);
  }
  const m4 = merge4(v4);
  const m6 = merge6(v6);
  const starts4 = Float64Array.from(m4, (r) => r[0]);
  return {
    size: m4.length + m6.length,
    has(ip) {
      const p = parseIp(ip.trim());
      if (!p) return false;
      if (p.family === 4) {
        const i = lastAtOrBelow(starts4, p.v4);
        return i >= 0 && p.v4 <= (m4[i]?.[1] ?? -1);
      }
      let value = 0n;
      for (const w of p.words) value = (value << 32n) | BigInt(w);
      return m6.some(([s, e]) => value >= s && value <= e);
    },
  };
}

// Sorted, overlapping or adjacent blocks (end + 1 === start) folded together.
function merge4(ranges: [number, number][]): [number, number][] {
  ranges.sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const r of ranges) {
    const last = out.at(-1);
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

function merge6(ranges: [bigint, bigint][]): [bigint, bigint][] {
  ranges.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const out: [bigint, bigint][] = [];
  for (const r of ranges) {
    const last = out.at(-1);
    if (last && r[0] <= last[1] + 1n) last[1] = r[1] > last[1] ? r[1] : last[1];
    else out.push([r[0], r[1]]);
  }
  return out;
}

function lastAtOrBelow(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  let ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? Infinity) <= v) {
      ans = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return ans;
}
