import type { TIpDayRollup } from "../rollup/ip-day-rollup.ts";

/**
 * What the tenant's own logs said before the test day: which addresses were seen, and the local
 * worst-offender count (events that were not plain allowed traffic), fed a day at a time in order.
 */
export class LocalHistory {
  private readonly attacks = new Map<string, number>();

  add(rollups: readonly TIpDayRollup[]): void {
    for (const r of rollups) {
      const hostile = Math.max(0, r.events - (r.actions.allow ?? 0));
      this.attacks.set(r.ip, (this.attacks.get(r.ip) ?? 0) + hostile);
    }
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
