import { mergeRollups, type TIpDayRollup } from "@mlsec/core/rollup";
import { readRollups, sourcesOfDay } from "@mlsec/db";
import { addDays } from "@mlsec/core/day";

/** More rollups than a caller's cap: it stops reading instead of holding them all. */
export class TooManyRollupsError extends Error {
  constructor(readonly cap: number) {
    super(`more than ${cap} (day, address) rollups`);
    this.name = "TooManyRollupsError";
  }
}

/**
 * The tenant's rollups in [from, before), one per (day, IP): rows from different uploads of the same
 * day and IP are merged by core's mergeRollups, so the combining rules live in one place. With
 * `maxRows`, more than that many (day, IP) pairs throw TooManyRollupsError as soon as they are read.
 */
export async function loadTenantRollups(opts: {
  tenantId: string;
  from?: string;
  before: string;
  maxRows?: number;
}): Promise<TIpDayRollup[]> {
  const { maxRows, ...range } = opts;
  const merged = new Map<string, TIpDayRollup>();
  for await (const { rollup } of readRollups(range)) {
    const key = `${rollup.day}|${rollup.ip}`;
    const seen = merged.get(key);
    merged.set(key, seen ? mergeRollups(seen, rollup) : rollup);
    if (maxRows !== undefined && merged.size > maxRows) throw new TooManyRollupsError(maxRows);
  }
  return [...merged.values()];
}

/** `n` days before `day`: addDays(day, -n) of @mlsec/core/day, which new code uses. */
export const daysBefore = (day: string, n: number): string => addDays(day, -n);

/** Rollups handed on per part, so a day of a million IPs is never one array when nothing needs merging. */
const PART = 5000;

/**
 * One day's rollups, one per IP, in parts. A day written by one source (the usual case) streams
 * straight from its pages; a day several uploads wrote is merged per IP first, which holds that day
 * (only) in memory.
 */
export async function* readDayRollups(opts: {
  tenantId: string;
  day: string;
  /** Candidate sources (rollupSourceKeys); only those with rows on the day are read. */
  sourceKeys: string[];
}): AsyncGenerator<TIpDayRollup[]> {
  const { tenantId, day } = opts;
  const range = { tenantId, from: day, before: daysBefore(day, -1) };
  const sources = await sourcesOfDay({ tenantId, day, sourceKeys: opts.sourceKeys });
  const [only] = sources;
  if (only !== undefined && sources.length === 1) {
    let part: TIpDayRollup[] = [];
    for await (const { rollup } of readRollups({ ...range, sourceKey: only })) {
      part.push(rollup);
      if (part.length === PART) {
        yield part;
        part = [];
      }
    }
    if (part.length) yield part;
    return;
  }
  const merged = new Map<string, TIpDayRollup>();
  for (const sourceKey of sources)
    for await (const { rollup } of readRollups({ ...range, sourceKey })) {
      const seen = merged.get(rollup.ip);
      merged.set(rollup.ip, seen ? mergeRollups(seen, rollup) : rollup);
    }
  if (merged.size) yield [...merged.values()];
}
