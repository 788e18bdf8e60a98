import type { TAsnTable } from "../asn/asn-table.ts";
import { isBogonV4 } from "../net/bogon.ts";
import { formatIpv4 } from "../net/format-ip.ts";
import { seededRandom } from "../train/seeded-random.ts";

/**
 * `n` distinct IPv4 addresses drawn uniformly from the routed address space of the AS table, so each
 * AS is weighted by the addresses it announces: the "looks like the internet" background class of
 * positive-unlabelled learning. Bogons are skipped, and so is anything `exclude` rejects (known
 * malicious addresses, scanners). Reproducible from `seed` for a given table.
 */
export function sampleBackground(opts: {
  seed: number;
  n: number;
  asn: TAsnTable;
  exclude?: (ip: string) => boolean;
}): string[] {
  const { v4Start, v4End } = opts.asn;
  const cumulative = new Float64Array(v4Start.length);
  let total = 0;
  for (let i = 0; i < v4Start.length; i++) {
    total += (v4End[i] ?? 0) - (v4Start[i] ?? 0) + 1;
    cumulative[i] = total;
  }
  if (total === 0 || opts.n <= 0) return [];
  const rand = seededRandom(opts.seed);
  const seen = new Set<number>();
  const out: string[] = [];
  for (let attempts = 0; out.length < opts.n && attempts < opts.n * 50; attempts++) {
    const offset = Math.floor(rand() * total);
    const i = firstAbove(cumulative, offset);
    const before = i > 0 ? (cumulative[i - 1] ?? 0) : 0;
    const ip = (v4Start[i] ?? 0) + (offset - before);
    if (seen.has(ip) || isBogonV4(ip)) continue;
    const text = formatIpv4(ip);
    if (opts.exclude?.(text)) continue;
    seen.add(ip);
    out.push(text);
  }
  return out;
}

function firstAbove(cumulative: Float64Array, v: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cumulative[mid] ?? 0) > v) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
