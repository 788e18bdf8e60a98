import { type TAsnTable } from "../asn/asn-table.ts";
import { announcedSize, lookupAsIndexV4, lookupAsIndexV6 } from "../asn/lookup-asn.ts";
import { isBogonV4, isBogonV6 } from "../net/bogon.ts";
import { formatIpv4, formatIpv6 } from "../net/format-ip.ts";
import { neighbourhoodSize, v4NetworkNumber, v6NetworkKey } from "../net/network.ts";
import { parseIp, type TParsedIp } from "../net/parse-ip.ts";
import type { TPoolDays } from "./pool-days.ts";

/** The feature slots' prefixes: slot 1 is /24 (IPv6 /64), slot 2 is /16 (IPv6 /48). */
export const COMMUNITY_PREFIXES_V4 = [24, 16] as const;
export const COMMUNITY_PREFIXES_V6 = [64, 48] as const;

/** Map key of the neighbourhood of an address at a prefix (see COMMUNITY_PREFIXES_*). */
export function netKey(parsed: TParsedIp, prefix: number): string {
  return parsed.family === 4
    ? `4/${prefix}/${v4NetworkNumber(parsed.v4, prefix)}`
    : `6/${v6NetworkKey(parsed.words, prefix)}`;
}

export function asnOfParsed(table: TAsnTable, parsed: TParsedIp): number {
  const idx = parsed.family === 4 ? lookupAsIndexV4(table, parsed.v4) : lookupAsIndexV6(table, parsed.words);
  return idx >= 0 ? (table.asns[idx] ?? 0) : 0;
}

export function canonical(parsed: TParsedIp): string {
  return parsed.family === 4 ? formatIpv4(parsed.v4) : formatIpv6(parsed.words);
}

/**
 * What every view of one pool needs and no view changes, computed once per pool (a training's
 * seven label days share it): each address parsed, its two neighbourhoods and its AS as small
 * integer ids, and each contributor's entries, so a view is a pass over typed arrays.
 */
export type TPoolIndex = {
  asn: TAsnTable | null;
  /** Per address: canonical text, or null when it does not parse (it then counts nowhere). */
  canonical: (string | null)[];
  /** Per address: the ids of its two neighbourhoods (-1: none, for a bogon) and of its AS x family. */
  net: Int32Array;
  as: Int32Array;
  netKeys: string[];
  netSize: Float64Array;
  /** Per AS x family id: the ASN, the family, and the announced size it is normalised by. */
  asNumber: Int32Array;
  asFamily: Uint8Array;
  asSize: Float64Array;
  /** Contributor c's entries are entries[start[c]] .. entries[start[c + 1] - 1]. */
  contributorStart: Int32Array;
  contributorEntries: Int32Array;
};

const cache = new WeakMap<TPoolDays, TPoolIndex>();

export function poolIndex(pool: TPoolDays, asn: TAsnTable | null): TPoolIndex {
  const hit = cache.get(pool);
  if (hit && hit.asn === asn) return hit;
  const made = buildIndex(pool, asn);
  cache.set(pool, made);
  return made;
}

function buildIndex(pool: TPoolDays, asn: TAsnTable | null): TPoolIndex {
  const n = pool.ips.length;
  const canon: (string | null)[] = new Array<string | null>(n).fill(null);
  const net = new Int32Array(n * 2).fill(-1);
  const as = new Int32Array(n).fill(-1);
  const netIds = new Map<string, number>();
  const netSize: number[] = [];
  const asIds = new Map<number, number>();
  const asNumber: number[] = [];
  const asFamily: number[] = [];
  const asSize: number[] = [];
  for (let i = 0; i < n; i++) {
    const parsed = parseIp(pool.ips[i] ?? "");
    if (!parsed) continue;
    canon[i] = canonical(parsed);
    if (parsed.family === 4 ? isBogonV4(parsed.v4) : isBogonV6(parsed.words)) continue;
    const prefixes = parsed.family === 4 ? COMMUNITY_PREFIXES_V4 : COMMUNITY_PREFIXES_V6;
    prefixes.forEach((p, slot) => {
      const k = netKey(parsed, p);
      let id = netIds.get(k);
      if (id === undefined) {
        id = netSize.push(neighbourhoodSize(parsed.family, p)) - 1;
        netIds.set(k, id);
      }
      net[i * 2 + slot] = id;
    });
    const a = asn ? asnOfParsed(asn, parsed) : 0;
    if (a && asn) {
      const key = a * 2 + (parsed.family === 4 ? 0 : 1);
      let id = asIds.get(key);
      if (id === undefined) {
        const size = announcedSize(asn, a);
        id = asNumber.push(a) - 1;
        asFamily.push(parsed.family);
        asSize.push(parsed.family === 4 ? size.v4 : size.v6Slash64);
        asIds.set(key, id);
      }
      as[i] = id;
    }
  }
  // Entries by contributor (counting sort over the members).
  const c = pool.contributors.length;
  const contributorStart = new Int32Array(c + 1);
  const end = pool.start[pool.length] ?? 0;
  for (let k = 0; k < end; k++) {
    const at = (pool.members[k] ?? 0) + 1;
    contributorStart[at] = (contributorStart[at] ?? 0) + 1;
  }
  for (let k = 0; k < c; k++)
    contributorStart[k + 1] = (contributorStart[k + 1] ?? 0) + (contributorStart[k] ?? 0);
  const fill = contributorStart.slice(0, c);
  const contributorEntries = new Int32Array(end);
  for (let i = 0; i < pool.length; i++)
    for (let k = pool.start[i] ?? 0; k < (pool.start[i + 1] ?? 0); k++) {
      const m = pool.members[k] ?? 0;
      const at = fill[m] ?? 0;
      contributorEntries[at] = i;
      fill[m] = at + 1;
    }
  return {
    asn,
    canonical: canon,
    net,
    as,
    netKeys: [...netIds.keys()],
    netSize: Float64Array.from(netSize),
    asNumber: Int32Array.from(asNumber),
    asFamily: Uint8Array.from(asFamily),
    asSize: Float64Array.from(asSize),
    contributorStart,
    contributorEntries,
  };
}
