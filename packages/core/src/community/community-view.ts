import { type TAsnTable } from "../asn/asn-table.ts";
import { asOfDayNumber } from "../day/day-number.ts";
import { decayWeight } from "../rank/decay.ts";
import { resolveCommunityOptions, type TCommunityOptions, type TContribution } from "./contribution.ts";
import { isPoolDays, poolDaysFromRows, type TPoolDays } from "./pool-days.ts";
import { poolIndex } from "./pool-index.ts";

export {
  asnOfParsed,
  canonical,
  COMMUNITY_PREFIXES_V4,
  COMMUNITY_PREFIXES_V6,
  netKey,
} from "./pool-index.ts";

/** A visible entry: its decayed, capped, normalised rank and how many sources it rests on. */
export type TCommunityEntry = { rank: number; reporters: number };

export type TCommunityView = {
  asOf: string;
  minContributors: number;
  contributorCap: number;
  /** Canonical IP text -> entry; only what passed k (tenant part) or came from a public feed. */
  ips: Map<string, TCommunityEntry>;
  /** netKey(family, prefix, ...) -> entry, rank normalised by the neighbourhood's size. */
  nets: Map<string, TCommunityEntry>;
  /** ASN -> entry, rank normalised by announced size (IPv4 addresses + IPv6 /64s). */
  as: Map<number, TCommunityEntry>;
  /** Counts for the admin page: what the k filter held back is counted, never listed. */
  stats: { contributors: number; tenants: number; ipsReported: number; ipsHidden: number };
  asnTable: TAsnTable | null;
};

/**
 * The community view as of a day: the seed's decay and neighbourhood aggregation over the pool,
 * with three protections.
 * - k-anonymity: a tenant's sightings of an IP, /24, /16 or AS count only where at least k distinct
 *   tenants reported something there; public feeds are public and need no k.
 * - Poisoning bound: each contributor's decayed sum in one IP, neighbourhood or AS is capped, so one
 *   contributor moves a neighbourhood's normalised rank by at most cap / size.
 * - "Minus me": `exclude` drops one contributor's rows before anything is counted (k included), so a
 *   tenant's features never echo its own data, nor reveal who else saw its traffic below k.
 * Rows of the as-of day or later, or past the decay horizon, are ignored (no leakage into features).
 * The pool comes as rows or, as the database keeps it, as per-day aggregates (TPoolDays). The work
 * goes contributor by contributor: its decayed sums per address, then per neighbourhood and AS,
 * each capped and folded into per-entity totals in typed arrays, so the cap and k need no map of
 * contributors per entity, and the parsing and grouping are done once per pool (poolIndex).
 */
export function computeCommunityView(
  source: Iterable<TContribution> | TPoolDays,
  opts: TCommunityOptions & { asn?: TAsnTable | null },
): TCommunityView {
  const pool = isPoolDays(source) ? source : poolDaysFromRows(source);
  const o = resolveCommunityOptions(opts);
  const asOfDay = asOfDayNumber(o.asOf);
  const asn = opts.asn ?? null;
  const idx = poolIndex(pool, asn);
  const cap = o.contributorCap;
  const excluded = o.exclude === null ? -1 : pool.contributors.indexOf(o.exclude);
  const levels = {
    ip: totals(pool.ips.length),
    net: totals(idx.netKeys.length),
    as: totals(idx.asNumber.length),
  };
  const scratch = {
    ip: new Scratch(pool.ips.length),
    net: new Scratch(idx.netKeys.length),
    as: new Scratch(idx.asNumber.length),
  };
  const ageWeight = new Map<number, number>();
  const weightAt = (age: number): number => {
    let w = ageWeight.get(age);
    if (w === undefined) ageWeight.set(age, (w = decayWeight(o.decay, age)));
    return w;
  };
  let contributors = 0;
  let tenants = 0;
  for (let c = 0; c < pool.contributors.length; c++) {
    if (c === excluded) continue;
    const key = pool.contributors[c] ?? "";
    const isPublic = o.weights.has(key);
    const weight = o.weights.get(key) ?? 1;
    // This contributor's decayed weight per address (it counts an address once a day).
    for (let k = idx.contributorStart[c] ?? 0; k < (idx.contributorStart[c + 1] ?? 0); k++) {
      const entry = idx.contributorEntries[k] ?? 0;
      const day = pool.day[entry] ?? 0;
      if (day >= asOfDay) continue;
      const w = weightAt(asOfDay - day) * weight;
      if (w > 0) scratch.ip.add(pool.ip[entry] ?? 0, w);
    }
    if (scratch.ip.count === 0) continue;
    contributors++;
    if (!isPublic) tenants++;
    scratch.ip.drain((ip, w) => {
      fold(levels.ip, ip, w, cap, isPublic);
      const n1 = idx.net[ip * 2] ?? -1;
      const n2 = idx.net[ip * 2 + 1] ?? -1;
      if (n1 >= 0) scratch.net.add(n1, w);
      if (n2 >= 0) scratch.net.add(n2, w);
      const a = idx.as[ip] ?? -1;
      if (a >= 0) scratch.as.add(a, w);
    });
    scratch.net.drain((n, w) => fold(levels.net, n, w, cap, isPublic));
    scratch.as.drain((a, w) => fold(levels.as, a, w, cap, isPublic));
  }

  const k = o.minContributors;
  const ips = new Map<string, TCommunityEntry>();
  let ipsReported = 0;
  let ipsHidden = 0;
  for (let ip = 0; ip < pool.ips.length; ip++) {
    if (!touched(levels.ip, ip)) continue;
    ipsReported++;
    const key = idx.canonical[ip];
    if (key === null || key === undefined) continue;
    const e = entry(levels.ip, ip, 1, k);
    // Two spellings of one address (rare: pool rows are canonical) add up.
    if (e) ips.set(key, mergeEntry(ips.get(key), e));
    else ipsHidden++;
  }
  const nets = new Map<string, TCommunityEntry>();
  idx.netKeys.forEach((key, n) => {
    const e = touched(levels.net, n) ? entry(levels.net, n, idx.netSize[n] ?? 0, k) : null;
    if (e) nets.set(key, e);
  });
  const as = new Map<number, TCommunityEntry>();
  for (let a = 0; a < idx.asNumber.length; a++) {
    const e = touched(levels.as, a) ? entry(levels.as, a, idx.asSize[a] ?? 0, k) : null;
    if (!e) continue;
    // An AS's IPv4 and IPv6 parts: ranks add, reporters are the larger count.
    const number = idx.asNumber[a] ?? 0;
    const prev = as.get(number);
    as.set(number, prev ? { rank: prev.rank + e.rank, reporters: Math.max(prev.reporters, e.reporters) } : e);
  }
  return {
    asOf: o.asOf,
    minContributors: o.minContributors,
    contributorCap: o.contributorCap,
    ips,
    nets,
    as,
    stats: { contributors, tenants, ipsReported, ipsHidden },
    asnTable: asn,
  };
}

/** Per entity: capped sums and reporter counts, public feeds and tenants apart (k is on tenants). */
type TTotals = {
  publicSum: Float64Array;
  publicReporters: Int32Array;
  tenantSum: Float64Array;
  tenantReporters: Int32Array;
};

const totals = (n: number): TTotals => ({
  publicSum: new Float64Array(n),
  publicReporters: new Int32Array(n),
  tenantSum: new Float64Array(n),
  tenantReporters: new Int32Array(n),
});

function fold(t: TTotals, e: number, w: number, cap: number, isPublic: boolean): void {
  const capped = Math.min(cap, w);
  if (isPublic) {
    t.publicSum[e] = (t.publicSum[e] ?? 0) + capped;
    t.publicReporters[e] = (t.publicReporters[e] ?? 0) + 1;
  } else {
    t.tenantSum[e] = (t.tenantSum[e] ?? 0) + capped;
    t.tenantReporters[e] = (t.tenantReporters[e] ?? 0) + 1;
  }
}

const touched = (t: TTotals, e: number): boolean =>
  (t.publicReporters[e] ?? 0) > 0 || (t.tenantReporters[e] ?? 0) > 0;

/** The entity's entry: tenants' part only at k distinct tenants, feeds' always. */
function entry(t: TTotals, e: number, size: number, k: number): TCommunityEntry | null {
  const visible = (t.tenantReporters[e] ?? 0) >= k;
  const sum = (t.publicSum[e] ?? 0) + (visible ? (t.tenantSum[e] ?? 0) : 0);
  const reporters = (t.publicReporters[e] ?? 0) + (visible ? (t.tenantReporters[e] ?? 0) : 0);
  return sum > 0 && size > 0 ? { rank: sum / size, reporters } : null;
}

/** Sums per entity id for one contributor, with the ids it touched, emptied by drain(). */
class Scratch {
  private readonly sum: Float64Array;
  private readonly ids: Int32Array;
  count = 0;
  constructor(n: number) {
    this.sum = new Float64Array(n);
    this.ids = new Int32Array(n);
  }
  add(id: number, w: number): void {
    if ((this.sum[id] ?? 0) === 0) this.ids[this.count++] = id;
    this.sum[id] = (this.sum[id] ?? 0) + w;
  }
  drain(fn: (id: number, w: number) => void): void {
    for (let i = 0; i < this.count; i++) {
      const id = this.ids[i] ?? 0;
      fn(id, this.sum[id] ?? 0);
      this.sum[id] = 0;
    }
    this.count = 0;
  }
}

function mergeEntry(a: TCommunityEntry | undefined, b: TCommunityEntry): TCommunityEntry {
  return a ? { rank: a.rank + b.rank, reporters: Math.max(a.reporters, b.reporters) } : b;
}
