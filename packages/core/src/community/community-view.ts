import { type TAsnTable } from "../asn/asn-table.ts";
import { announcedSize, lookupAsIndexV4, lookupAsIndexV6 } from "../asn/lookup-asn.ts";
import { isBogonV4, isBogonV6 } from "../net/bogon.ts";
import { formatIpv4, formatIpv6 } from "../net/format-ip.ts";
import { neighbourhoodSize, v4NetworkNumber, v6NetworkKey } from "../net/network.ts";
import { parseIp, type TParsedIp } from "../net/parse-ip.ts";
import { asOfDayNumber, dayNumber } from "../day/day-number.ts";
import { decayWeight } from "../rank/decay.ts";
import { resolveCommunityOptions, type TCommunityOptions, type TContribution } from "./contribution.ts";

/** The feature slots' prefixes: slot 1 is /24 (IPv6 /64), slot 2 is /16 (IPv6 /48). */
export const COMMUNITY_PREFIXES_V4 = [24, 16] as const;
export const COMMUNITY_PREFIXES_V6 = [64, 48] as const;

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

type TPerContributor = Map<string, number>;

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
 */
export function computeCommunityView(
  rows: Iterable<TContribution>,
  opts: TCommunityOptions & { asn?: TAsnTable | null },
): TCommunityView {
  const o = resolveCommunityOptions(opts);
  const asOfDay = asOfDayNumber(o.asOf);
  const asn = opts.asn ?? null;
  // ip -> contributor -> decayed weight; a contributor counts an IP at most once a day.
  const perIp = new Map<string, TPerContributor>();
  const seen = new Set<string>();
  const contributors = new Set<string>();
  for (const r of rows) {
    if (r.contributor === o.exclude) continue;
    const day = dayNumber(r.day);
    const w = decayWeight(o.decay, asOfDay - day) * (o.weights.get(r.contributor) ?? 1);
    if (!(w > 0) || day >= asOfDay) continue;
    const once = `${r.contributor}|${r.day}|${r.ip}`;
    if (seen.has(once)) continue;
    seen.add(once);
    contributors.add(r.contributor);
    let m = perIp.get(r.ip);
    if (!m) perIp.set(r.ip, (m = new Map<string, number>()));
    m.set(r.contributor, (m.get(r.contributor) ?? 0) + w);
  }

  const isPublic = (c: string) => o.weights.has(c);
  const combine = (m: TPerContributor, size: number): TCommunityEntry | null => {
    let tenants = 0;
    for (const c of m.keys()) if (!isPublic(c)) tenants++;
    const tenantsVisible = tenants >= o.minContributors;
    let sum = 0;
    let reporters = 0;
    for (const [c, v] of m) {
      if (!isPublic(c) && !tenantsVisible) continue;
      sum += Math.min(o.contributorCap, v);
      reporters++;
    }
    return sum > 0 && size > 0 ? { rank: sum / size, reporters } : null;
  };

  const ips = new Map<string, TCommunityEntry>();
  const netSums = new Map<string, { size: number; m: TPerContributor }>();
  const asV4 = new Map<number, TPerContributor>();
  const asV6 = new Map<number, TPerContributor>();
  let ipsHidden = 0;
  for (const [ipText, m] of perIp) {
    const parsed = parseIp(ipText);
    if (!parsed) continue;
    const key = canonical(parsed);
    const entry = combine(m, 1);
    if (entry) ips.set(key, mergeEntry(ips.get(key), entry));
    else ipsHidden++;
    if (parsed.family === 4 ? isBogonV4(parsed.v4) : isBogonV6(parsed.words)) continue;
    for (const { k, size } of netKeysOf(parsed)) {
      let n = netSums.get(k);
      if (!n) netSums.set(k, (n = { size, m: new Map<string, number>() }));
      addAll(n.m, m);
    }
    const a = asn ? asnOfParsed(asn, parsed) : 0;
    if (a) {
      const target = parsed.family === 4 ? asV4 : asV6;
      let t = target.get(a);
      if (!t) target.set(a, (t = new Map<string, number>()));
      addAll(t, m);
    }
  }
  const nets = new Map<string, TCommunityEntry>();
  for (const [k, { size, m }] of netSums) {
    const e = combine(m, size);
    if (e) nets.set(k, e);
  }
  const as = new Map<number, TCommunityEntry>();
  if (asn) {
    for (const a of new Set([...asV4.keys(), ...asV6.keys()])) {
      const size = announcedSize(asn, a);
      const e4 = asV4.has(a) ? combine(asV4.get(a) ?? new Map<string, number>(), size.v4) : null;
      const e6 = asV6.has(a) ? combine(asV6.get(a) ?? new Map<string, number>(), size.v6Slash64) : null;
      if (e4 || e6)
        as.set(a, {
          rank: (e4?.rank ?? 0) + (e6?.rank ?? 0),
          reporters: Math.max(e4?.reporters ?? 0, e6?.reporters ?? 0),
        });
    }
  }
  let tenants = 0;
  for (const c of contributors) if (!isPublic(c)) tenants++;
  return {
    asOf: o.asOf,
    minContributors: o.minContributors,
    contributorCap: o.contributorCap,
    ips,
    nets,
    as,
    stats: { contributors: contributors.size, tenants, ipsReported: perIp.size, ipsHidden },
    asnTable: asn,
  };
}

/** Map key of the neighbourhood of an address at a prefix (see COMMUNITY_PREFIXES_*). */
export function netKey(parsed: TParsedIp, prefix: number): string {
  return parsed.family === 4
    ? `4/${prefix}/${v4NetworkNumber(parsed.v4, prefix)}`
    : `6/${v6NetworkKey(parsed.words, prefix)}`;
}

function netKeysOf(parsed: TParsedIp): { k: string; size: number }[] {
  const prefixes = parsed.family === 4 ? COMMUNITY_PREFIXES_V4 : COMMUNITY_PREFIXES_V6;
  return prefixes.map((p) => ({ k: netKey(parsed, p), size: neighbourhoodSize(parsed.family, p) }));
}

export function asnOfParsed(table: TAsnTable, parsed: TParsedIp): number {
  const idx = parsed.family === 4 ? lookupAsIndexV4(table, parsed.v4) : lookupAsIndexV6(table, parsed.words);
  return idx >= 0 ? (table.asns[idx] ?? 0) : 0;
}

export function canonical(parsed: TParsedIp): string {
  return parsed.family === 4 ? formatIpv4(parsed.v4) : formatIpv6(parsed.words);
}

function addAll(into: TPerContributor, from: TPerContributor): void {
  for (const [c, v] of from) into.set(c, (into.get(c) ?? 0) + v);
}

// Two spellings of one address (rare: pool rows are canonical) add up.
function mergeEntry(a: TCommunityEntry | undefined, b: TCommunityEntry): TCommunityEntry {
  return a ? { rank: a.rank + b.rank, reporters: Math.max(a.reporters, b.reporters) } : b;
}
