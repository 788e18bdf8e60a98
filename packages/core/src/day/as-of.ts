import { addDays, utcDay } from "./day-number.ts";

/**
 * The as-of rule, for reports, ranking and training alike: the day after the last event (or last
 * data day), so features include that last day, whose rollups an as-of day never uses. With no
 * events, the day after `fallback`. `last` is ISO text: a day or an instant.
 */
export function asOfAfter(last: string | null, fallback: Date = new Date()): string {
  return addDays(utcDay(last ? new Date(last) : fallback), 1);
}
