// Days as the whole system counts them: UTC days, as "YYYY-MM-DD" text or as a day number (days
// since 1970-01-01), and the as-of day. The one declaration of the length of a day (#23).

/** Milliseconds in a UTC day (no leap seconds in JavaScript time). */
export const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of a "YYYY-MM-DD" UTC day, or NaN when the text is not one. */
export function dayNumber(day: string): number {
  if (day.length !== 10 || day.charCodeAt(4) !== 45 || day.charCodeAt(7) !== 45) return NaN;
  const ms = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
  return Number.isFinite(ms) ? ms / MS_PER_DAY : NaN;
}

export function dayString(n: number): string {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The UTC day of an instant, as "YYYY-MM-DD". */
export function utcDay(instant: Date | number = Date.now()): string {
  return new Date(instant).toISOString().slice(0, 10);
}

/** The instant a "YYYY-MM-DD" UTC day begins (an invalid Date when the text is not a day). */
export function dayStart(day: string): Date {
  return new Date(dayNumber(day) * MS_PER_DAY);
}

/** `day` moved by `n` days (negative: back). */
export function addDays(day: string, n: number): string {
  return dayString(dayNumber(day) + n);
}

/**
 * The as-of day: a Date or ISO text floored to its UTC day. Rollups are whole days, so a rollup of
 * the as-of day itself may hold events after the as-of instant and is never used.
 */
export function asOfDayNumber(asOf: Date | string): number {
  const ms =
    typeof asOf === "string"
      ? asOf.length === 10
        ? dayNumber(asOf) * MS_PER_DAY
        : Date.parse(asOf)
      : asOf.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`invalid as-of date: ${String(asOf)}`);
  return Math.floor(ms / MS_PER_DAY);
}
