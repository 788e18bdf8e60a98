import type { TParseContext } from "./parse-context.ts";
import { MS_PER_DAY } from "../day/day-number.ts";

/** Not a timestamp at this position. */
export const TIME_ABSENT = Number.NaN;
/** Shaped like a timestamp but impossible or out of range (Feb 30, hour 25, year 1970...). */
export const TIME_INVALID = -1;

const MIN_YEAR = 1990;
// A log line may be stamped slightly after the reference date (clock skew, time zones).
const FUTURE_SLACK_MS = 2 * MS_PER_DAY;

function monthOf(a: number, b: number, c: number): number {
  // Case-sensitive three-letter English months, as syslog writes them; packed for a switch.
  switch ((a << 16) | (b << 8) | c) {
    case 0x4a616e:
      return 0; // Jan
    case 0x466562:
      return 1;
    case 0x4d6172:
      return 2;
    case 0x417072:
      return 3;
    case 0x4d6179:
      return 4;
    case 0x4a756e:
      return 5;
    case 0x4a756c:
      return 6;
    case 0x417567:
      return 7;
    case 0x536570:
      return 8;
    case 0x4f6374:
      return 9;
    case 0x4e6f76:
      return 10;
    case 0x446563:
      return 11;
    default:
      return -1;
  }
}

function digit(text: string, i: number): number {
  const c = text.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -100;
}
function two(text: string, i: number): number {
  const v = digit(text, i) * 10 + digit(text, i + 1);
  return v >= 0 ? v : -1;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/**
 * Midnight UTC of a year-less syslog date: the latest such date not after the reference date
 * (plus slack), so "Dec 31" read with a reference of Jan 2 lands in the previous year.
 * TIME_INVALID for a date no year has (Feb 30).
 */
export function bsdMidnight(ctx: TParseContext, month: number, day: number): number {
  const key = month * 32 + day;
  const cached = ctx.bsdDayStart[key] ?? Number.NaN;
  if (!Number.isNaN(cached)) return cached;
  let year = ctx.referenceYear;
  if (Date.UTC(year, month, day) > ctx.referenceMs + FUTURE_SLACK_MS) year--;
  // Feb 29 only exists in leap years: walk back to the latest one rather than invent Mar 1.
  while (day > daysIn(year, month) && year > ctx.referenceYear - 8) year--;
  const ms = day > daysIn(year, month) ? TIME_INVALID : Date.UTC(year, month, day);
  ctx.bsdDayStart[key] = ms;
  return ms;
}

/** Reads "hh:mm:ss[.frac]" at i; returns ms within the day or -1, and leaves ctx.timeEnd after it. */
function clock(text: string, i: number, end: number, ctx: TParseContext): number {
  if (i + 8 > end || text.charCodeAt(i + 2) !== 58 || text.charCodeAt(i + 5) !== 58) return -1;
  const h = two(text, i);
  const m = two(text, i + 3);
  const s = two(text, i + 6);
  if (h < 0 || m < 0 || s < 0 || h > 23 || m > 59 || s > 60) return -1;
  let j = i + 8;
  let ms = 0;
  if (j < end && (text.charCodeAt(j) === 46 || text.charCodeAt(j) === 44)) {
    j++;
    let scale = 100;
    const fracStart = j;
    while (j < end && digit(text, j) >= 0) {
      ms += digit(text, j) * scale;
      scale /= 10;
      j++;
    }
    if (j === fracStart) return -1;
    ms = Math.floor(ms);
  }
  ctx.timeEnd = j;
  return ((h * 60 + m) * 60 + Math.min(s, 59)) * 1000 + ms;
}

/**
 * Parses the timestamp that starts at `start`: BSD syslog "Mmm dd hh:mm:ss" (year inferred from
 * the reference date), "Mmm dd yyyy hh:mm:ss" (Cisco, CEF), or RFC 3339 / ISO 8601 with "T" or a
 * space, optional fraction and optional offset (none means UTC). Returns UTC ms, TIME_ABSENT or
 * TIME_INVALID; on success ctx.timeEnd is the index after the timestamp.
 */
export function parseTimeAt(text: string, start: number, end: number, ctx: TParseContext): number {
  if (end - start < 15) return TIME_ABSENT;
  const c0 = text.charCodeAt(start);
  if (c0 >= 65 && c0 <= 90) {
    const month = monthOf(c0, text.charCodeAt(start + 1), text.charCodeAt(start + 2));
    if (month < 0 || text.charCodeAt(start + 3) !== 32) return TIME_ABSENT;
    const d = start + 4;
    let day: number;
    let i: number; // index after the day and its trailing space
    if (text.charCodeAt(d) === 32) {
      day = digit(text, d + 1);
      i = d + 3;
    } else if (text.charCodeAt(d + 1) === 32) {
      day = digit(text, d);
      i = d + 2;
    } else {
      day = two(text, d);
      i = d + 3;
    }
    if (text.charCodeAt(i - 1) !== 32 || day < 0) return TIME_ABSENT;
    if (day < 1 || day > 31) return TIME_INVALID;
    // "Mmm dd yyyy hh:mm:ss"
    if (text.charCodeAt(i + 4) === 32 && text.charCodeAt(i + 2) !== 58) {
      const year = two(text, i) * 100 + two(text, i + 2);
      if (year < 0) return TIME_ABSENT;
      const t = clock(text, i + 5, end, ctx);
      if (t < 0) return TIME_INVALID;
      return checkRange(year, month, day, t, ctx);
    }
    const t = clock(text, i, end, ctx);
    if (t < 0) return text.charCodeAt(i + 2) === 58 ? TIME_INVALID : TIME_ABSENT;
    const midnight = bsdMidnight(ctx, month, day);
    return midnight < 0 ? TIME_INVALID : midnight + t;
  }
  if (c0 < 48 || c0 > 57 || text.charCodeAt(start + 4) !== 45 || text.charCodeAt(start + 7) !== 45)
    return TIME_ABSENT;
  const year = two(text, start) * 100 + two(text, start + 2);
  const month = two(text, start + 5) - 1;
  const day = two(text, start + 8);
  const sep = text.charCodeAt(start + 10);
  if (year < 0 || month < -1 || day < 0 || (sep !== 84 && sep !== 32 && sep !== 116)) return TIME_ABSENT;
  const t = clock(text, start + 11, end, ctx);
  if (t < 0) return TIME_INVALID;
  let j = ctx.timeEnd;
  let offsetMin = 0;
  const z = text.charCodeAt(j);
  if (z === 90 || z === 122) j++;
  else if ((z === 43 || z === 45) && j + 3 <= end) {
    const oh = two(text, j + 1);
    let k = j + 3;
    if (text.charCodeAt(k) === 58) k++;
    const om = k + 2 <= end ? two(text, k) : -1;
    if (oh < 0 || oh > 23) return TIME_INVALID;
    if (om >= 0 && om < 60) {
      offsetMin = oh * 60 + om;
      j = k + 2;
    } else {
      // "+01" without minutes
      offsetMin = oh * 60;
      j += 3;
    }
    if (z === 45) offsetMin = -offsetMin;
  }
  ctx.timeEnd = j;
  const ms = checkRange(year, month, day, t, ctx);
  return ms < 0 ? ms : ms - offsetMin * 60_000;
}

function checkRange(year: number, month: number, day: number, t: number, ctx: TParseContext): number {
  if (month < 0 || month > 11 || day < 1 || day > daysIn(year, month)) return TIME_INVALID;
  if (year < MIN_YEAR || year > ctx.referenceYear + 1) return TIME_INVALID;
  return Date.UTC(year, month, day) + t;
}

/** parseTimeAt to the end of the string. */
export function parseTimeText(text: string, start: number, ctx: TParseContext): number {
  return parseTimeAt(text, start, text.length, ctx);
}

/** Parses a whole ISO/RFC 3339 or syslog timestamp string; epoch seconds or ms as digits are accepted too. */
export function parseTimeValue(value: unknown, ctx: TParseContext): number {
  if (typeof value === "number") return epochToMs(value, ctx);
  if (typeof value !== "string") return TIME_ABSENT;
  const text = value.trim();
  if (/^\d{9,13}(?:\.\d+)?$/.test(text)) return epochToMs(Number(text), ctx);
  const ms = parseTimeText(text, 0, ctx);
  if (Number.isNaN(ms) || ms < 0) return ms;
  return ctx.timeEnd >= text.length || text.charCodeAt(ctx.timeEnd) === 32 ? ms : TIME_INVALID;
}

function epochToMs(n: number, ctx: TParseContext): number {
  if (!Number.isFinite(n) || n <= 0) return TIME_INVALID;
  // Seconds below ~1e11 (year 5138), milliseconds above.
  const ms = Math.floor(n < 1e11 ? n * 1000 : n);
  const year = new Date(ms).getUTCFullYear();
  return year < MIN_YEAR || year > ctx.referenceYear + 1 ? TIME_INVALID : ms;
}
