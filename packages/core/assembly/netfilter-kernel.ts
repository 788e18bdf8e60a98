// AssemblyScript, compiled to WebAssembly by packages/core/build-kernel.mjs (not by tsc).
//
// The netfilter fast path of ingestion: splits a window of bytes into lines, parses the common
// shape of an iptables/ufw LOG line 16 bytes at a time with SIMD, and counts each event straight
// into its (day, source) rollup row (day-rows.ts, through event-queue.ts); events of IPv6
// sources are kept in a batch for the host (v6-events.ts). It only ever accepts a line the
// TypeScript parser (src/ingest/parsers/netfilter.ts) would turn into the same event; at any
// other line (rare protocols, fractions of seconds, hour-only offsets, embedded or mapped IPv6,
// anything malformed, a log prefix not classified yet) it stops and hands that line to the host,
// whose parsers stay the reference for what a line means. A differential property test
// (test/ingest/netfilter-kernel.test.ts) holds the two together.
//
// Memory: the host writes a window into the input buffer, or reads a file straight into buffers
// it asked for (inputRoom), and reads the stop record back through views on this module's
// memory, taken again after each call (rows growing may grow memory; it is shared, so views
// stay valid but short).
import { daysSetup } from "./day-rows";
import { at, find, findPair, inputBase, inputSetup, key3, mask16, padInput, unpadInput, useInput } from "./input";
import {
  bsdTime,
  fieldsSetup,
  ipValue,
  ipv4,
  ipv6,
  isoTime,
  port,
  portValue,
  timeDay,
  timeEnd,
  timeMs,
  v6w0,
  v6w1,
  v6w2,
  v6w3,
} from "./line-fields";
import { prefixActionOf, prefixesSetup, prefixSlot } from "./prefixes";
import { drainEvents, queueEvent, queueSetup } from "./event-queue";
import { sourcesSetup } from "./source-totals";
import { keepV6, v6Reset, v6Setup } from "./v6-events";

export { addEvent, dayCount, firstSeen, lastSeen, pairs } from "./day-rows";
export {
  closeDay,
  dayContinued,
  dayEvents,
  dayNumber,
  dayPool,
  dayPoolPageAt,
  dayPoolPerPage,
  dayRowPageAt,
  dayRows,
  dayRowsPerPage,
  heldBytes,
  daySketches,
  daySketchesAt,
  prepareExport,
  sketchListAt,
} from "./day-export";
export {
  closedBytes,
  dayClosedAt,
  dayClosedN,
  dayUnresolved,
  dropClosed,
  settleUnresolved,
  unresolvedAt,
} from "./closed-spill";
// Read by no one, but exported so the event queue's look-ahead loads are not optimised away.
export { touchedSink } from "./event-queue";
export { inputAt } from "./input";

/** `bytes` of this memory (and 32 more for run()'s padding) for the host to read input into. */
export function inputRoom(bytes: i32): usize {
  return heap.alloc(<usize>bytes + 32);
}
export { dayTableAt, setReferenceYear } from "./line-fields";
export { learnPrefix } from "./prefixes";
export { v6EventCount, v6EventsAt } from "./v6-events";
export { sourceBytes, sourceCount, sourceEventsAt, sourceIpsAt, sourcesReset } from "./source-totals";

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
// The batch of IPv6 events is full: the host reads it and runs again from the stop's start.
const STATUS_V6_FULL: i32 = 3;
// line() only: an event of an IPv6 source, kept in the batch (v6-events.ts).
const STATUS_V6_EVENT: i32 = 4;

let output: usize = 0;

/** Allocates the buffers: the input holds `inputBytes` plus 16 bytes of padding for SIMD loads. */
export function setup(inputBytes: i32): void {
  inputSetup(inputBytes);
  output = heap.alloc(64);
  fieldsSetup();
  prefixesSetup();
  daysSetup();
  sourcesSetup();
  queueSetup();
  v6Setup();
}

export function outputAt(): usize {
  return output;
}

const WORD_ROTO: u32 = 0x4f544f52; // "ROTO" of "PROTO="

let prefixStart: i32 = 0;
let prefixEnd: i32 = 0;

/**
 * One line [s, e). Mirrors parseNetfilterText step by step: timestamp, SRC= (the first one after
 * a space), DST= right after it, the first PROTO= after that with SPT=/DPT= right after the
 * protocol, and the log prefix between the host and "IN=" (after the kernel's "[uptime]").
 * Each key is looked for directly, two of its bytes compared 16 positions at a time: walking
 * every '=' of the line instead (a branch for each) cost ~19 ms more per 1M lines.
 */
function line(s: i32, e: i32): i32 {
  if (!bsdTime(s, e) && !isoTime(s, e)) return STATUS_HOST;
  let h = timeEnd;
  while (h < e && at(h) == 32) h++;
  const he = find(32, h, e);
  // " SRC=": the first at or after s.
  let srcKey = -1;
  for (let p = findPair(s + 1, e - 3, 83, 3, 61); p >= 0; p = findPair(p + 1, e - 3, 83, 3, 61)) {
    if (at(p - 1) == 32 && at(p + 1) == 82 && at(p + 2) == 67) {
      srcKey = p - 1;
      break;
    }
  }
  if (srcKey < 0) return STATUS_HOST;
  // "IN=": the first from the host's end whose '=' comes before SRC's.
  let inKey = -1;
  for (let p = findPair(he, srcKey - 2, 73, 2, 61); p >= 0; p = findPair(p + 1, srcKey - 2, 73, 2, 61)) {
    if (at(p + 1) == 78) {
      inKey = p;
      break;
    }
  }
  let src: u32 = 0;
  let v6 = false;
  let w0: u32 = 0;
  let w1: u32 = 0;
  let w2: u32 = 0;
  let w3: u32 = 0;
  let srcEnd = ipv4(srcKey + 5, e);
  if (srcEnd >= 0) src = ipValue;
  else {
    srcEnd = ipv6(srcKey + 5, e);
    if (srcEnd < 0) return STATUS_HOST;
    v6 = true;
    w0 = v6w0;
    w1 = v6w1;
    w2 = v6w2;
    w3 = v6w3;
  }
  if (!key3(srcEnd, 68, 83, 84)) return STATUS_HOST;
  let dstEnd = ipv4(srcEnd + 5, e);
  if (dstEnd < 0) dstEnd = ipv6(srcEnd + 5, e);
  if (dstEnd < 0) return STATUS_HOST;
  // "PROTO=": the first starting after the destination, its '=' before e.
  let proto = 0;
  let dport = -1;
  let k = findPair(dstEnd + 1, e - 5, 80, 5, 61);
  while (k >= 0 && load<u32>(inputBase() + <usize>(k + 1)) != WORD_ROTO) k = findPair(k + 1, e - 5, 80, 5, 61);
  if (k >= 0) {
    const q = k + 6;
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
  }
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
  if (v6) {
    const full = keepV6(timeDay, timeMs, dport, proto | (prefixActionOf(slot) << 4), w0, w1, w2, w3);
    return full ? STATUS_V6_FULL : STATUS_V6_EVENT;
  }
  queueEvent(timeDay, timeMs, src, dport, proto, prefixActionOf(slot));
  return STATUS_EVENT;
}

/**
 * Counts the events of the window at `base` (the kernel's buffer, inputAt(), or bytes the host
 * read into this memory), bytes [from, length) (whole lines; a last line without "\n" is read to
 * `length`) until a line it cannot vouch for, whose stop record it writes; returns the number of
 * events. Lines longer than `maxLine` bytes (before a trailing "\r" is dropped) stop it too. The
 * 32 bytes after the window must be in memory; they are left as they were.
 */
export function run(base: usize, length: i32, maxLine: i32, from: i32): i32 {
  useInput(base);
  padInput(length);
  const events = scan(length, maxLine, from);
  unpadInput(length);
  return events;
}

function scan(length: i32, maxLine: i32, from: i32): i32 {
  v6Reset();
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
    if (status == STATUS_V6_EVENT) {
      s = nl + 1;
      continue;
    }
    if (status == STATUS_V6_FULL) {
      drainEvents();
      store<i32>(output, min(nl + 1, length), R_START);
      store<i32>(output, status, R_STATUS);
      return events;
    }
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
