import { mergeRollups } from "@mlsec/core/rollup/merge-rollups";
import type { TIpDayRollup } from "@mlsec/core/rollup/ip-day-rollup";
import { readRollups } from "@mlsec/db";

/**
 * The tenant's rollups in [from, before), one per (day, IP): rows from different uploads of the same
 * day and IP are merged by core's mergeRollups, so the combining rules live in one place.
 */
export async function loadTenantRollups(opts: {
  tenantId: string;
  from?: string;
  before: string;
}): Promise<TIpDayRollup[]> {
  const merged = new Map<string, TIpDayRollup>();
  for await (const { rollup } of readRollups(opts)) {
    const key = `${rollup.day}|${rollup.ip}`;
    const seen = merged.get(key);
    merged.set(key, seen ? mergeRollups(seen, rollup) : rollup);
  }
  return [...merged.values()];
}

export const daysBefore = (day: string, n: number): string => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
};
