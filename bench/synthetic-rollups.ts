// The synthetic address pool and behaviour mix of the ranking benchmarks (bench/rank.ts and
// bench/rank-postgres.ts), so both rank the same data.
import { MS_PER_DAY } from "@mlsec/core/day";
import { formatIpv4, formatIpv6 } from "../packages/core/src/net/index.ts";
import { type TIpDayRollup } from "../packages/core/src/rollup/ip-day-rollup.ts";

const START = Date.UTC(2024, 0, 1);
/** Day `d` of the benchmarks' calendar, from 2024-01-01. */
export const dayText = (d: number): string => new Date(START + d * MS_PER_DAY).toISOString().slice(0, 10);

// Pool: 90% IPv4 packed into 20k busy /16s, 10% IPv6 in 2k /32s; derived from the index by hashing.
export const hash = (x: number): number => {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
};
const v6Words = new Uint32Array(4);
export function addressOf(i: number): string {
  const h = hash(i);
  if (h % 10 !== 0)
    return formatIpv4(((((1 + (h % 20_000)) * 3_331) % 0xdf00) << 16) | (hash(i + 7) & 0xffff));
  v6Words[0] = 0x2a000000 + (h % 2_000) * 0x10000;
  v6Words[1] = hash(i + 1) & 0xffff;
  v6Words[2] = 0;
  v6Words[3] = hash(i + 2);
  return formatIpv6(v6Words);
}

// Behaviour templates: the maps are shared, as a database driver's rows would not be but the
// engine only reads them; 70% background, the rest spread over the three default clusters.
export const templates: Omit<TIpDayRollup, "day" | "ip" | "firstSeen" | "lastSeen">[] = [
  {
    events: 3,
    distinctPorts: 1,
    ports: { "443": 3 },
    blockedPorts: {},
    protocols: { tcp: 3 },
    actions: { allow: 3 },
  },
  {
    events: 4,
    distinctPorts: 1,
    ports: { "22": 4 },
    blockedPorts: { "22": 4 },
    protocols: { tcp: 4 },
    actions: { block: 4 },
  },
  {
    events: 40,
    distinctPorts: 30,
    ports: { "1": 1, "2": 1 },
    blockedPorts: { "1": 1 },
    protocols: { tcp: 40 },
    actions: { block: 40 },
  },
  {
    events: 12,
    distinctPorts: 1,
    ports: { "8443": 12 },
    blockedPorts: {},
    protocols: { tcp: 12 },
    actions: { "auth-failure": 12 },
  },
];
/** Which template a hash picks: 70% background, the rest over the three default clusters. */
export const pick = (h: number): number => {
  const r = h % 100;
  return r < 70 ? 0 : r < 82 ? 1 : r < 94 ? 2 : 3;
};
