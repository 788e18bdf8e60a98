import type { TIpDayRollup } from "../rollup/ip-day-rollup.ts";

/**
 * What the tenant's own logs said before the test day: which addresses were seen, and the local
 * worst-offender count (events that were not plain allowed traffic), fed a day at a time in order.
 */
export class LocalHistory {
  private readonly attacks = new Map<string, number>();
  private readonly last = new Map<string, string>();

  add(rollups: readonly TIpDayRollup[]): void {
    for (const r of rollups) {
      const hostile = Math.max(0, r.events - (r.actions.allow ?? 0));
      this.attacks.set(r.ip, (this.attacks.get(r.ip) ?? 0) + hostile);
      const prev = this.last.get(r.ip);
      if (prev === undefined || prev < r.day) this.last.set(r.ip, r.day);
    }
  }

  /** The last day ("YYYY-MM-DD") the address was seen, if ever. */
  lastDay(ip: string): string | undefined {
    return this.last.get(ip);
  }

  ips(): IterableIterator<string> {
    return this.attacks.keys();
  }

  seen(ip: string): boolean {
    return this.attacks.has(ip);
  }

  attackEvents(ip: string): number {
    return this.attacks.get(ip) ?? 0;
  }
}
