import type { z } from "zod";
import type { TIpDayRollup } from "../rollup/ip-day-rollup.ts";
import type { ZDailyCount, ZPortCount } from "./report-schema.ts";

export type TTrafficSummary = {
  daily: z.infer<typeof ZDailyCount>[];
  topPorts: z.infer<typeof ZPortCount>[];
};

export type TTrafficSummariser = {
  add(rollup: TIpDayRollup): void;
  result(): TTrafficSummary;
};

export const DEFAULT_TOP_PORTS = 20;

/**
 * Events and flagged sources per day and the busiest destination ports, one rollup at a time, so
 * the worker can stream an upload's rollups from PostgreSQL instead of holding them. Rollups must
 * be one per (day, IP) (one upload's, or merged), since sources per day counts rows. Memory is one
 * entry per day and per port.
 */
export function createTrafficSummariser(opts: {
  flagged: ReadonlySet<string>;
  topPorts?: number;
}): TTrafficSummariser {
  const days = new Map<string, { events: number; sources: number; flagged: number }>();
  const ports = new Map<
    number,
    { events: number; blocked: number; sourceDays: number; flaggedSourceDays: number }
  >();
  return {
    add(r) {
      const bad = opts.flagged.has(r.ip);
      const d = days.get(r.day) ?? { events: 0, sources: 0, flagged: 0 };
      d.events += r.events;
      d.sources++;
      if (bad) d.flagged++;
      days.set(r.day, d);
      for (const [key, events] of Object.entries(r.ports)) {
        const port = Number(key);
        if (!Number.isInteger(port)) continue;
        const p = ports.get(port) ?? { events: 0, blocked: 0, sourceDays: 0, flaggedSourceDays: 0 };
        p.events += events;
        p.blocked += r.blockedPorts[key] ?? 0;
        p.sourceDays++;
        if (bad) p.flaggedSourceDays++;
        ports.set(port, p);
      }
    },
    result() {
      return {
        daily: [...days.entries()]
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([day, d]) => ({ day, ...d })),
        topPorts: [...ports.entries()]
          .map(([port, p]) => ({ port, ...p }))
          .sort((a, b) => b.events - a.events || a.port - b.port)
          .slice(0, opts.topPorts ?? DEFAULT_TOP_PORTS),
      };
    },
  };
}

/** The same summary over rollups already in memory (the CLI). */
export function summariseTraffic(
  rollups: Iterable<TIpDayRollup>,
  opts: { flagged: ReadonlySet<string>; topPorts?: number },
): TTrafficSummary {
  const s = createTrafficSummariser(opts);
  for (const r of rollups) s.add(r);
  return s.result();
}
