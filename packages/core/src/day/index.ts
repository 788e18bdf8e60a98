// UTC days (text and numbers), day arithmetic and the as-of rule: used by every package and app.
export { addDays, asOfDayNumber, dayNumber, dayStart, dayString, MS_PER_DAY, utcDay } from "./day-number.ts";
export { asOfAfter } from "./as-of.ts";
