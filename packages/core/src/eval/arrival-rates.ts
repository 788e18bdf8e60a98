import { dayNumber } from "../day/day-number.ts";

/**
 * How often an address a list made before day D could name comes to the tenant on D at all, by what
 * the list knows of it: days since the tenant last saw it (or never) and whether a feed listed it.
 * Learnt day-forward from the days before D (each day's arrivals are counted after that day, never
 * used on it). The model answers P(malicious | it comes); a blocklist spends a slot on an address
 * only if it also comes, so the list ranks by the product (HPB's point against global lists).
 */
export class ArrivalRates {
  private readonly days: Map<string, [number, number]>[] = [];

  constructor(private readonly window: number) {}

  /** The bin of an address: own recency bucket and listing. */
  static key(daysSinceSeen: number | null, listed: boolean): string {
    const seen =
      daysSinceSeen === null
        ? "never"
        : daysSinceSeen <= 3
          ? String(daysSinceSeen)
          : daysSinceSeen <= 7
            ? "4-7"
            : daysSinceSeen <= 14
              ? "8-14"
              : "15+";
    return `${seen}|${listed ? "listed" : "unlisted"}`;
  }

  /** Counts, per bin, the universe of a day and which of it came; keeps the last `window` days. */
  observe(universe: Iterable<{ ip: string; key: string }>, arrived: ReadonlySet<string>): void {
    const counts = new Map<string, [number, number]>();
    for (const { ip, key } of universe) {
      const c = counts.get(key) ?? [0, 0];
      c[0]++;
      if (arrived.has(ip)) c[1]++;
      counts.set(key, c);
    }
    this.days.push(counts);
    if (this.days.length > this.window) this.days.shift();
  }

  /** Share of a bin that came, over the window, with a Laplace prior so an empty bin is not 0. */
  rate(key: string): number {
    let n = 0;
    let k = 0;
    for (const d of this.days) {
      const c = d.get(key);
      if (c) {
        n += c[0];
        k += c[1];
      }
    }
    return (k + 1) / (n + 2);
  }
}

/** Days from `lastDay` (YYYY-MM-DD) to `day`, or null when there is no last day. */
export function daysBetween(lastDay: string | undefined, day: string): number | null {
  return lastDay === undefined ? null : dayNumber(day) - dayNumber(lastDay);
}
