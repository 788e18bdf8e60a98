import { dayNumber, dayString } from "../day/day-number.ts";
import { isInternetAddress } from "../net/bogon.ts";
import { neighbourhoodSize, networkCidr } from "../net/network.ts";
import { parseIp } from "../net/parse-ip.ts";
import type { TIpDayRollup } from "../rollup/ip-day-rollup.ts";
import { compileClusters, type TClusterRule } from "./clusters.ts";
import { decayHorizonDays, decayWeight, type TDecay } from "./decay.ts";

/** One line of the rank chart: a cluster's decayed rank as of each day of TIpHistory.days. */
export type TRankSeries = { cluster: string; values: number[] };

export type TNeighbour = {
  ip: string;
  events: number;
  daysActive: number;
  lastDay: string;
  /** Own decayed rank summed over clusters, as of TIpHistory.asOf. */
  rank: number;
};

/** One day of the address's own activity: what an address-day verdict is given on. */
export type TActiveDay = { day: string; events: number; clusters: string[] };

export type TIpHistory = {
  ip: string;
  /** The small neighbourhood: IPv4 /24 or IPv6 /64 (null for unparsable text). */
  network: string | null;
  /** False for private, reserved and other non-internet sources: they have no neighbourhood rank. */
  internet: boolean;
  asOf: string;
  decay: TDecay;
  /** As-of days of the chart, oldest first (ranks use rollups strictly before each day). */
  days: string[];
  own: TRankSeries[];
  /** The neighbourhood's ranks summed over its internet sources and divided by its size (feature net1). */
  net: TRankSeries[];
  /** The IP's own events on each chart day (the rollup of that day, not as-of). */
  events: number[];
  /** Every day the address itself was seen, newest first, with the behaviour rules it matched that day. */
  activeDays: TActiveDay[];
  neighbours: TNeighbour[];
};

/** The small neighbourhood charted beside the address: IPv4 /24, IPv6 /64. */
export const HISTORY_PREFIX_V4 = 24;
export const HISTORY_PREFIX_V6 = 64;
/** A chart wider than this gets its oldest days cut: the decay makes them unreadable anyway. */
const MAX_CHART_DAYS = 120;

/**
 * One address of a tenant over time (loadIpHistory in packages/pipeline reads the rollups). `rollups` are one per (day, IP) of the address's neighbourhood; the
 * ranks follow docs/features.md (rank 1 per bad day per cluster, decayed, rollups strictly before
 * the as-of day), so the last chart day equals the `ip:` and `net1:` features computeRanks gives.
 */
export function computeIpHistory(
  rollups: readonly TIpDayRollup[],
  opts: { ip: string; decay: TDecay; clusters: readonly TClusterRule[]; asOf?: string; today: string },
): TIpHistory {
  const parsed = parseIp(opts.ip);
  const prefix = parsed?.family === 6 ? HISTORY_PREFIX_V6 : HISTORY_PREFIX_V4;
  const network = networkCidr(opts.ip, prefix);
  const internet = isInternetAddress(opts.ip);
  const size = neighbourhoodSize(parsed?.family ?? 4, prefix);
  const match = compileClusters([...opts.clusters]);
  const C = opts.clusters.length;

  // Bad days per cluster: own and summed over the neighbourhood's internet sources.
  const ownBad: number[][] = Array.from({ length: C }, () => []);
  const netBad: number[][] = Array.from({ length: C }, () => []);
  const ownEvents = new Map<number, number>();
  const ownMasks = new Map<number, number>();
  const perIp = new Map<string, { events: number; days: number[]; masks: number[] }>();
  for (const r of rollups) {
    if (networkCidr(r.ip, prefix) !== network) continue;
    const day = dayNumber(r.day);
    const mask = match(r);
    const isSelf = r.ip === opts.ip;
    if (isSelf) {
      ownEvents.set(day, (ownEvents.get(day) ?? 0) + r.events);
      ownMasks.set(day, (ownMasks.get(day) ?? 0) | mask);
    }
    const countsInNet = internet && isInternetAddress(r.ip);
    for (let c = 0; c < C; c++) {
      if (!(mask & (1 << c))) continue;
      if (isSelf) ownBad[c]?.push(day);
      if (countsInNet) netBad[c]?.push(day);
    }
    if (!isSelf) {
      const n = perIp.get(r.ip) ?? { events: 0, days: [], masks: [] };
      n.events += r.events;
      n.days.push(day);
      n.masks.push(mask);
      perIp.set(r.ip, n);
    }
  }

  const allDays = [...ownEvents.keys(), ...[...perIp.values()].flatMap((n) => n.days)];
  const todayN = dayNumber(opts.today);
  const lastActive = allDays.length ? Math.max(...allDays) : todayN - 1;
  const defaultEnd = Math.min(lastActive + 1 + Math.ceil(3 * halfLifeOf(opts.decay)), todayN + 1);
  const end = opts.asOf ? dayNumber(opts.asOf) : Math.max(defaultEnd, lastActive + 1);
  const firstActive = allDays.length ? Math.min(...allDays) : end - 1;
  const start = Math.max(firstActive, end - MAX_CHART_DAYS + 1, end - decayHorizonDays(opts.decay));
  const days: number[] = [];
  for (let d = start; d <= end; d++) days.push(d);

  const rankAsOf = (bad: readonly number[], asOf: number) => {
    let sum = 0;
    for (const d of bad) if (d < asOf) sum += decayWeight(opts.decay, asOf - d);
    return sum;
  };
  const series = (bad: number[][], divide: number): TRankSeries[] =>
    opts.clusters.map((rule, c) => ({
      cluster: rule.name,
      values: days.map((d) => rankAsOf(bad[c] ?? [], d) / divide),
    }));

  const neighbours: TNeighbour[] = [...perIp.entries()].map(([ip, n]) => {
    let rank = 0;
    n.days.forEach((d, i) => {
      const mask = n.masks[i] ?? 0;
      for (let c = 0; c < C; c++) if (mask & (1 << c) && d < end) rank += decayWeight(opts.decay, end - d);
    });
    return {
      ip,
      events: n.events,
      daysActive: new Set(n.days).size,
      lastDay: dayString(Math.max(...n.days)),
      rank,
    };
  });
  neighbours.sort((a, b) => b.rank - a.rank || b.events - a.events || a.ip.localeCompare(b.ip));

  return {
    ip: opts.ip,
    network,
    internet,
    asOf: dayString(end),
    decay: opts.decay,
    days: days.map(dayString),
    own: series(ownBad, 1),
    net: internet ? series(netBad, size) : [],
    events: days.map((d) => ownEvents.get(d) ?? 0),
    activeDays: [...ownEvents.entries()]
      .sort(([a], [b]) => b - a)
      .map(([d, events]) => ({
        day: dayString(d),
        events,
        clusters: opts.clusters
          .filter((_, c) => ((ownMasks.get(d) ?? 0) & (1 << c)) !== 0)
          .map((r) => r.name),
      })),
    neighbours,
  };
}

function halfLifeOf(decay: TDecay): number {
  return decay.kind === "exponential" ? decay.halfLifeDays : decay.lifetimeDays / 3;
}
