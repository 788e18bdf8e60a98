// AssemblyScript. Readers of the fields of a netfilter line: syslog timestamp, IPv4 address,
// port. Each returns where the field ends (or false / -1 when the line is not the common shape)
// and leaves the value in an exported global: a wasm function returns one value.
import { at, digit } from "./input";

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
export let portValue: i32 = 0;

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
