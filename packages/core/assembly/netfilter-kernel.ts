// AssemblyScript, compiled to WebAssembly by packages/core/build-kernel.mjs (not by tsc).
//
// The netfilter fast path of ingestion: splits a window of bytes into lines, parses the common
// shape of an iptables/ufw LOG line 16 bytes at a time with SIMD, and counts each event straight
// into its (day, source) rollup row (day-rows.ts, through event-queue.ts). It only ever accepts a line the
// TypeScript parser (src/ingest/parsers/netfilter.ts) would turn into the same event; at any
// other line (IPv6, rare protocols, fractions of seconds, RFC 3339 stamps, anything malformed, a
// log prefix not classified yet) it stops and hands that line to the host, whose parsers stay
// the reference for what a line means. A differential property test
// (test/ingest/netfilter-kernel.test.ts) holds the two together.
//
// Memory: the host writes a window into the input buffer and reads the stop record back through
// views on this module's memory, taken again after each call (rows growing may grow memory).
import { daysSetup } from "./day-rows";
import { drainEvents, queueEvent, queueSetup } from "./event-queue";
import { sourcesSetup } from "./source-totals";

export {
  addEvent,
  closeDay,
  dayContinued,
  dayCount,
  dayEvents,
  dayNumber,
  dayPool,
  dayPoolPageAt,
  dayPoolPerPage,
  dayRows,
  dayRowPageAt,
  dayRowsPerPage,
  daySketches,
  daySketchesAt,
  firstSeen,
  lastSeen,
  pairs,
  prepareExport,
  sketchListAt,
} from "./day-rows";
export { drainEvents, touchedSink } from "./event-queue";
export { sourceBuckets, sourceCellsAt, sourceCount, sourceEventsAt } from "./source-totals";

// The stop record (byte offsets): the line's start (the window's length when there is none),
// its end (its "\n" or the window's end), status, and for STATUS_NEW_PREFIX the prefix span.
const R_START: i32 = 0;
const R_END: i32 = 4;
const R_STATUS: i32 = 8;
const R_PREFIX_START: i32 = 12;
const R_PREFIX_END: i32 = 16;

const STATUS_EVENT: i32 = 0;
const STATUS_HOST: i32 = 1;
const STATUS_NEW_PREFIX: i32 = 2;

/** Log prefixes remembered with their action (a firewall logs through a handful of rules). */
const PREFIXES: i32 = 16;
const PREFIX_BYTES: i32 = 256;

let input: usize = 0;
let output: usize = 0;
let dayTable: usize = 0; // i32 per month * 32 + day: UTC day number of that date, or i32.MIN_VALUE
let prefixText: usize = 0;
let prefixLength: usize = 0; // i32 per slot, -1 = free
let prefixAction: usize = 0; // i32 per slot
let lastPrefix: i32 = -1;

/** Allocates the buffers: the input holds `inputBytes` plus 16 bytes of padding for SIMD loads. */
export function setup(inputBytes: i32): void {
  input = heap.alloc(<usize>inputBytes + 16);
  output = heap.alloc(32);
  dayTable = heap.alloc(12 * 32 * 4);
  prefixText = heap.alloc(<usize>(PREFIXES * PREFIX_BYTES));
  prefixLength = heap.alloc(<usize>(PREFIXES * 4));
  prefixAction = heap.alloc(<usize>(PREFIXES * 4));
  forgetPrefixes();
  daysSetup();
  sourcesSetup();
  queueSetup();
}

export function inputAt(): usize {
  return input;
}
export function outputAt(): usize {
  return output;
}
export function dayTableAt(): usize {
  return dayTable;
}

export function forgetPrefixes(): void {
  for (let k = 0; k < PREFIXES; k++) store<i32>(prefixLength + (<usize>k << 2), -1);
  lastPrefix = -1;
}

/** Remembers the prefix input[start, end) with its action in `slot` (the host picks slots). */
export function learnPrefix(slot: i32, start: i32, end: i32, action: i32): bool {
  const n = end - start;
  if (slot < 0 || slot >= PREFIXES || n < 0 || n > PREFIX_BYTES) return false;
  memory.copy(prefixText + <usize>(slot * PREFIX_BYTES), input + <usize>start, <usize>n);
  store<i32>(prefixLength + (<usize>slot << 2), n);
  store<i32>(prefixAction + (<usize>slot << 2), action);
  return true;
}

// @ts-ignore: AssemblyScript decorator
@inline function at(i: i32): i32 {
  return <i32>load<u8>(input + <usize>i);
}

// @ts-ignore: AssemblyScript decorator
@inline function digit(i: i32): i32 {
  const d = at(i) - 48;
  return <u32>d <= 9 ? d : -1000;
}

/** Bit k set when byte p + k is `c`. */
// @ts-ignore: AssemblyScript decorator
@inline function mask16(p: i32, c: i32): i32 {
  return i8x16.bitmask(i8x16.eq(v128.load(input + <usize>p), i8x16.splat(<i8>c)));
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

// Results of the field readers (a wasm function returns one value).
let timeDay: i32 = 0;
let timeMs: i32 = 0;
let timeEnd: i32 = 0;
let ipValue: u32 = 0;
let portValue: i32 = 0;

/** BSD syslog "Mmm dd hh:mm:ss" at s, without fraction; false leaves the line to the host. */
function bsdTime(s: i32, e: i32): bool {
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
function ipv4(s: i32, e: i32): i32 {
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

/** The first position of byte `c` in [from, to), or `to`, 16 bytes at a time. */
function find(c: i32, from: i32, to: i32): i32 {
  for (let b = from; b < to; b += 16) {
    const m = mask16(b, c);
    if (m != 0) return min(b + ctz(m), to);
  }
  return to;
}

/** Decimal port 0..65535 from s to the next space or e; its end, or -1. */
function port(s: i32, e: i32): i32 {
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
@inline function key3(i: i32, a: i32, b: i32, c: i32): bool {
  return at(i) == 32 && at(i + 4) == 61 && at(i + 1) == a && at(i + 2) == b && at(i + 3) == c;
}

function samePrefix(slot: i32, start: i32, n: i32): bool {
  if (load<i32>(prefixLength + (<usize>slot << 2)) != n) return false;
  const a = prefixText + <usize>(slot * PREFIX_BYTES);
  const b = input + <usize>start;
  let q = 0;
  for (; q + 8 <= n; q += 8) if (load<u64>(a + <usize>q) != load<u64>(b + <usize>q)) return false;
  for (; q < n; q++) if (load<u8>(a + <usize>q) != load<u8>(b + <usize>q)) return false;
  return true;
}

function prefixSlot(start: i32, end: i32): i32 {
  const n = end - start;
  if (lastPrefix >= 0 && samePrefix(lastPrefix, start, n)) return lastPrefix;
  for (let k = 0; k < PREFIXES; k++) {
    if (samePrefix(k, start, n)) {
      lastPrefix = k;
      return k;
    }
  }
  return -1;
}

const WORD_SRC: u32 = 0x3d435253; // "SRC=", little-endian
const WORD_ROTO: u32 = 0x4f544f52; // "ROTO" of "PROTO="

let prefixStart: i32 = 0;
let prefixEnd: i32 = 0;

/**
 * One line [s, e). Mirrors parseNetfilterText step by step: timestamp, SRC= (the first one after
 * a space), DST= right after it, the first PROTO= after that with SPT=/DPT= right after the
 * protocol, and the log prefix between the host and "IN=" (after the kernel's "[uptime]").
 */
function line(s: i32, e: i32): i32 {
  if (!bsdTime(s, e)) return STATUS_HOST;
  let h = timeEnd;
  while (h < e && at(h) == 32) h++;
  const he = find(32, h, e);
  let inKey = -1;
  let srcKey = -1;
  let src: u32 = 0;
  let proto = 0;
  let dport = -1;
  // '=' before `from` belong to fields already read.
  let from = s;
  let protoSeen = false;
  // Walks the '=' signs of the line in order: every key this parser needs ends in one.
  for (let b = s; b < e && !protoSeen; b += 16) {
    let m = mask16(b, 61);
    while (m != 0) {
      const p = b + ctz(m);
      m &= m - 1;
      if (p >= e) break;
      if (p < from) continue;
      if (srcKey < 0) {
        if (inKey < 0 && p - 2 >= he && at(p - 2) == 73 && at(p - 1) == 78) inKey = p - 2;
        if (p - 4 >= s && load<u32>(input + <usize>(p - 3)) == WORD_SRC && at(p - 4) == 32) {
          srcKey = p - 4;
          const srcEnd = ipv4(p + 1, e);
          if (srcEnd < 0) return STATUS_HOST;
          src = ipValue;
          if (!key3(srcEnd, 68, 83, 84)) return STATUS_HOST;
          const dstEnd = ipv4(srcEnd + 5, e);
          if (dstEnd < 0) return STATUS_HOST;
          from = dstEnd + 6; // the earliest '=' of a "PROTO=" starting after dstEnd
        }
      } else if (load<u32>(input + <usize>(p - 4)) == WORD_ROTO && at(p - 5) == 80) {
        const q = p + 1;
        let qe = q;
        while (qe < e && at(qe) != 32) qe++;
        const n = qe - q;
        if (n == 3 && at(q) == 84 && at(q + 1) == 67 && at(q + 2) == 80) proto = 1;
        else if (n == 3 && at(q) == 85 && at(q + 1) == 68 && at(q + 2) == 80) proto = 2;
        else if (n == 4 && at(q) == 73 && at(q + 1) == 67 && at(q + 2) == 77 && at(q + 3) == 80) proto = 3;
        else return STATUS_HOST;
        if (key3(qe, 83, 80, 84)) {
          const se = port(qe + 5, e);
          if (se < 0 || !key3(se, 68, 80, 84) || port(se + 5, e) < 0) return STATUS_HOST;
          dport = portValue;
        }
        protoSeen = true;
        break;
      }
    }
  }
  if (srcKey < 0) return STATUS_HOST;
  // The prefix: from the host's end (or after "[uptime]") to the space before "IN=".
  const pe = inKey >= 0 && inKey - 1 <= srcKey ? inKey - 1 : srcKey;
  let ps = he;
  const ob = find(91, he, pe);
  if (ob < pe) {
    let k = ob + 1;
    while (k < e && at(k) == 32) k++;
    const c = at(k);
    if (c >= 48 && c <= 57) {
      const cb = find(93, k, e);
      if (cb < pe) ps = cb + 1;
    }
  }
  const slot = prefixSlot(ps, pe);
  if (slot < 0) {
    prefixStart = ps;
    prefixEnd = pe;
    return STATUS_NEW_PREFIX;
  }
  queueEvent(timeDay, timeMs, src, dport, proto, load<i32>(prefixAction + (<usize>slot << 2)));
  return STATUS_EVENT;
}

/**
 * Counts the events of input[from, length) (whole lines; a last line without "\n" is read to
 * `length`) until a line it cannot vouch for, whose stop record it writes; returns the number of
 * events. Lines longer than `maxLine` bytes (before a trailing "\r" is dropped) stop it too.
 */
export function run(length: i32, maxLine: i32, from: i32): i32 {
  // Zeroed padding: SIMD loads past the end must not see a stale "\n" or "=".
  v128.store(input + <usize>length, i8x16.splat(0));
  let events = 0;
  let s = from;
  while (s < length) {
    let nl = length;
    for (let b = s; b < length; b += 16) {
      const m = mask16(b, 10);
      if (m != 0) {
        nl = min(b + ctz(m), length);
        break;
      }
    }
    const e = nl > s && at(nl - 1) == 13 ? nl - 1 : nl;
    const status = nl - s > maxLine ? STATUS_HOST : line(s, e);
    if (status != STATUS_EVENT) {
      // The host may count this line's event next: everything before it must be counted first.
      drainEvents();
      store<i32>(output, s, R_START);
      store<i32>(output, nl, R_END);
      store<i32>(output, status, R_STATUS);
      store<i32>(output, prefixStart, R_PREFIX_START);
      store<i32>(output, prefixEnd, R_PREFIX_END);
      return events;
    }
    events++;
    s = nl + 1;
  }
  drainEvents();
  store<i32>(output, length, R_START);
  return events;
}
