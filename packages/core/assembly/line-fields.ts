// AssemblyScript. Readers of the fields of a netfilter line: syslog timestamp, IPv4 address,
// port. Each returns where the field ends (or false / -1 when the line is not the common shape)
// and leaves the value in an exported global: a wasm function returns one value.
import { at, digit, find } from "./input";

let dayTable: usize = 0; // i32 per month * 32 + day: UTC day number of that date, or i32.MIN_VALUE

export function fieldsSetup(): void {
  dayTable = heap.alloc(12 * 32 * 4);
}

export function dayTableAt(): usize {
  return dayTable;
}

function monthOf(a: i32, b: i32, c: i32): i32 {
  switch ((a << 16) | (b << 8) | c) {
    case 0x4a616e:
      return 0;
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

export let timeDay: i32 = 0;
export let timeMs: i32 = 0;
export let timeEnd: i32 = 0;
export let ipValue: u32 = 0;
// An IPv6 address as four 32-bit words (two groups each, the first in the high half), the
// layout of the host's parseIpv6 (src/net/parse-ip.ts).
export let v6w0: u32 = 0;
export let v6w1: u32 = 0;
export let v6w2: u32 = 0;
export let v6w3: u32 = 0;
const groups = memory.data(16); // eight u16
export let portValue: i32 = 0;

let referenceYear: i32 = 0;

/** The year of the host's reference date: RFC 3339 stamps past the next year are refused. */
export function setReferenceYear(year: i32): void {
  referenceYear = year;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1..12). */
function daysFromCivil(y: i32, m: i32, d: i32): i64 {
  const yy = m <= 2 ? y - 1 : y;
  const era = (yy >= 0 ? yy : yy - 399) / 400;
  const yoe = yy - era * 400;
  const doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return <i64>era * 146097 + <i64>doe - 719468;
}

function daysInMonth(y: i32, m: i32): i32 {
  if (m == 2) return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28;
  return m == 4 || m == 6 || m == 9 || m == 11 ? 30 : 31;
}

/**
 * RFC 3339 / ISO 8601 "yyyy-mm-ddThh:mm:ss[.frac][Z|±hh[:mm]]" at s (also with a space or "t"),
 * as the host's parseTimeAt reads it; false leaves the line to the host. rsyslog writes these
 * by default on current Ubuntu, so ufw logs there look like this.
 */
export function isoTime(s: i32, e: i32): bool {
  if (e - s < 19 || at(s + 4) != 45 || at(s + 7) != 45) return false;
  const year = digit(s) * 1000 + digit(s + 1) * 100 + digit(s + 2) * 10 + digit(s + 3);
  const month = digit(s + 5) * 10 + digit(s + 6);
  const day = digit(s + 8) * 10 + digit(s + 9);
  const sep = at(s + 10);
  if (year < 1990 || year > referenceYear + 1 || month < 1 || month > 12 || day < 1) return false;
  if (day > daysInMonth(year, month) || (sep != 84 && sep != 32 && sep != 116)) return false;
  const i = s + 11;
  if (at(i + 2) != 58 || at(i + 5) != 58) return false;
  const h = digit(i) * 10 + digit(i + 1);
  const m = digit(i + 3) * 10 + digit(i + 4);
  const sec = digit(i + 6) * 10 + digit(i + 7);
  if (h < 0 || m < 0 || sec < 0 || h > 23 || m > 59 || sec > 60) return false;
  let j = i + 8;
  let ms = 0;
  if (j < e && (at(j) == 46 || at(j) == 44)) {
    j++;
    const from = j;
    while (j < e && <u32>(at(j) - 48) <= 9) {
      if (j - from < 3) ms = ms * 10 + (at(j) - 48);
      j++;
    }
    // No digits is a malformed stamp; very long fractions are left to the host, whose sum of
    // digit * 10^-k could round up to the next millisecond.
    if (j == from || j - from > 9) return false;
    for (let k = j - from; k < 3; k++) ms *= 10;
  }
  let offset = 0; // minutes east of UTC
  const z = at(j);
  if (z == 90 || z == 122) j++;
  else if (z == 43 || z == 45) {
    // Only the full "+hh:mm" / "+hhmm" forms; the rest (an hour-only offset) goes to the host.
    if (j + 3 > e) return false;
    const oh = digit(j + 1) * 10 + digit(j + 2);
    let k = j + 3;
    if (at(k) == 58) k++;
    if (k + 2 > e) return false;
    const om = digit(k) * 10 + digit(k + 1);
    if (oh < 0 || oh > 23 || om < 0 || om > 59) return false;
    offset = z == 45 ? -(oh * 60 + om) : oh * 60 + om;
    j = k + 2;
  }
  const t =
    daysFromCivil(year, month, day) * 86400000 +
    <i64>(((h * 60 + m) * 60 + min(sec, 59)) * 1000 + ms) -
    <i64>offset * 60000;
  const dayNumber = t >= 0 ? t / 86400000 : (t - 86399999) / 86400000;
  timeDay = <i32>dayNumber;
  timeMs = <i32>(t - dayNumber * 86400000);
  timeEnd = j;
  return true;
}

/** BSD syslog "Mmm dd hh:mm:ss" at s, without fraction; false leaves the line to the host. */
export function bsdTime(s: i32, e: i32): bool {
  if (e - s < 15) return false;
  const month = monthOf(at(s), at(s + 1), at(s + 2));
  if (month < 0 || at(s + 3) != 32) return false;
  const d = s + 4;
  let day: i32;
  let i: i32; // after the day and its space
  if (at(d) == 32) {
    day = digit(d + 1);
    i = d + 3;
  } else if (at(d + 1) == 32) {
    day = digit(d);
    i = d + 2;
  } else {
    day = digit(d) * 10 + digit(d + 1);
    i = d + 3;
  }
  if (at(i - 1) != 32 || day < 1 || day > 31) return false;
  if (i + 8 > e || at(i + 2) != 58 || at(i + 5) != 58) return false;
  const h = digit(i) * 10 + digit(i + 1);
  const m = digit(i + 3) * 10 + digit(i + 4);
  const sec = digit(i + 6) * 10 + digit(i + 7);
  if (h < 0 || m < 0 || sec < 0 || h > 23 || m > 59 || sec > 60) return false;
  const j = i + 8;
  if (j < e && (at(j) == 46 || at(j) == 44)) return false;
  const dayNumber = load<i32>(dayTable + (<usize>(month * 32 + day) << 2));
  if (dayNumber == i32.MIN_VALUE) return false;
  timeDay = dayNumber;
  // A leap second (":60") counts as :59, as the host parser does.
  timeMs = ((h * 60 + m) * 60 + min(sec, 59)) * 1000;
  timeEnd = j;
  return true;
}

/** Strict dotted quad from s to the next space or e (no leading zeros); its end, or -1. */
export function ipv4(s: i32, e: i32): i32 {
  let value: u32 = 0;
  let i = s;
  // Octet by octet, unrolled digit by digit: a loop with a branch per character cost twice as much.
  for (let k = 0; k < 4; k++) {
    if (i >= e) return -1;
    let octet = <u32>(at(i) - 48);
    if (octet > 9) return -1;
    i++;
    const d2 = <u32>(at(i) - 48);
    if (i < e && d2 <= 9) {
      if (octet == 0) return -1; // "01": a leading zero, octal to some tools
      octet = octet * 10 + d2;
      i++;
      const d3 = <u32>(at(i) - 48);
      if (i < e && d3 <= 9) {
        octet = octet * 10 + d3;
        i++;
        if (octet > 255) return -1;
      }
    }
    value = (value << 8) | octet;
    if (k < 3) {
      if (i >= e || at(i) != 46) return -1;
      i++;
    }
  }
  if (i < e && at(i) != 32) return -1;
  ipValue = value;
  return i;
}

/** Decimal port 0..65535 from s to the next space or e; its end, or -1. */
export function port(s: i32, e: i32): i32 {
  let v = 0;
  let i = s;
  for (; i < e; i++) {
    const c = at(i);
    if (c == 32) break;
    const d = c - 48;
    if (<u32>d > 9 || i - s >= 5) return -1;
    v = v * 10 + d;
  }
  if (i == s || v > 65535) return -1;
  portValue = v;
  return i;
}

/** True when input[i..] is " KEY=" for the three letters a b c. */

// @ts-ignore: AssemblyScript decorator
@inline function hex(c: i32): i32 {
  if (<u32>(c - 48) <= 9) return c - 48;
  if (<u32>(c - 97) <= 5) return c - 87;
  if (<u32>(c - 65) <= 5) return c - 55;
  return -1;
}

// @ts-ignore: AssemblyScript decorator
@inline function group(k: i32): u32 {
  return <u32>load<u16>(groups + (<usize>k << 1));
}

/**
 * An IPv6 address from s to the next space or e, in the forms the host's parseIpv6
 * (src/events/parse-ipv6.ts) accepts, into v6w0..v6w3; its end, or -1. Embedded dotted IPv4,
 * zones, brackets and IPv4-mapped addresses (which the host turns into IPv4) are left to it.
 */
export function ipv6(s: i32, e: i32): i32 {
  const t = find(32, s, e);
  const n = t - s;
  if (n < 2 || n > 45) return -1;
  memory.fill(groups, 0, 16);
  let gap = -1;
  let g = 0;
  let i = s;
  if (at(s) == 58) {
    if (at(s + 1) != 58) return -1;
    gap = 0;
    i = s + 2;
  }
  while (i < t) {
    if (g >= 8) return -1;
    let j = i;
    let v = 0;
    while (j < t && j - i < 5) {
      const d = hex(at(j));
      if (d < 0) break;
      v = v * 16 + d;
      j++;
    }
    if (j == i || j - i > 4) return -1;
    store<u16>(groups + (<usize>g << 1), <u16>v);
    g++;
    if (j == t) break;
    if (at(j) != 58) return -1;
    if (at(j + 1) == 58) {
      if (gap >= 0) return -1;
      gap = g;
      i = j + 2;
    } else {
      i = j + 1;
      if (i == t) return -1;
    }
  }
  if (gap < 0) {
    if (g != 8) return -1;
  } else {
    if (g > 7) return -1;
    const move = g - gap;
    for (let k = 0; k < move; k++) store<u16>(groups + (<usize>(7 - k) << 1), <u16>group(g - 1 - k));
    for (let k = gap; k < 8 - move; k++) store<u16>(groups + (<usize>k << 1), 0);
  }
  if ((group(0) | group(1) | group(2) | group(3) | group(4)) == 0 && group(5) == 0xffff) return -1;
  v6w0 = (group(0) << 16) | group(1);
  v6w1 = (group(2) << 16) | group(3);
  v6w2 = (group(4) << 16) | group(5);
  v6w3 = (group(6) << 16) | group(7);
  return t;
}
