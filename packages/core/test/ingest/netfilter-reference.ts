import { normaliseAddress } from "../../src/events/normalise-address.ts";
import { parseIpv4, parseIpv4At } from "../../src/events/parse-ipv4.ts";
import type { TAction } from "../../src/rollup/ip-day-rollup.ts";
import { NOT_THIS_FORMAT, type TOutcome } from "../../src/ingest/outcome.ts";
import type { TParseContext } from "../../src/ingest/parse-context.ts";
import type { ParsedRecord } from "../../src/ingest/parsed-record.ts";
import { TIME_INVALID, parseTimeAt } from "../../src/ingest/parse-time.ts";
import { actionFromWord } from "../../src/ingest/set-address.ts";

// The netfilter parser as it was before the hot path was tuned (commit 249d356), kept as the
// oracle for netfilter-differential.test.ts: the tuned parser must agree with it on every line.
/**
 * netfilter LOG target lines (iptables, ip6tables, nftables `log`, ufw), as syslog stores them:
 *   Jan 12 06:25:13 fw01 kernel: [ 8123.45] [UFW BLOCK] IN=eth0 OUT= MAC=.. SRC=203.0.113.5
 *   DST=198.51.100.7 LEN=60 ... PROTO=TCP SPT=51234 DPT=22 ...
 * This is the measured hot path. It works on a latin1 string of the whole read chunk (one
 * character per byte, so offsets are byte offsets): V8's String indexOf/charCodeAt are
 * JIT-inlined, where Buffer.indexOf costs a C++ call per use. IPv4 lines allocate nothing.
 */

// Action per log prefix: prefixes repeat on every line, so classify each distinct one once.
const prefixActions = new Map<string, TAction>();

function classifyPrefix(prefix: string): TAction {
  const msg = prefix.slice(prefix.lastIndexOf("kernel:") + 1);
  // AUDIT is ufw's record of traffic it let through; LOG rules without a verdict word usually
  // sit in front of a DROP, so "block" is the default.
  return /AUDIT/i.test(msg) ? "allow" : (actionFromWord(msg) ?? "block");
}

function tokenEnd(text: string, i: number, e: number): number {
  const sp = text.indexOf(" ", i);
  return sp < 0 || sp > e ? e : sp;
}

function address(text: string, s: number, e: number, out: ParsedRecord, isSource: boolean): boolean {
  let v4 = parseIpv4At(text, s, e);
  let canonical = "";
  if (v4 < 0) {
    const c = e - s > 1 && e - s < 64 ? normaliseAddress(text.slice(s, e)) : null;
    if (c === null) return false;
    v4 = parseIpv4(c);
    if (v4 < 0) canonical = c;
  }
  if (isSource) {
    out.srcV4 = v4;
    out.src = canonical;
  } else {
    out.dstV4 = v4;
    out.dst = canonical;
  }
  return true;
}

function port(text: string, s: number, e: number): number {
  if (e <= s || e - s > 5) return -2;
  let v = 0;
  for (let i = s; i < e; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -2;
    v = v * 10 + d;
  }
  return v > 65535 ? -2 : v;
}

function proto(text: string, s: number, e: number): string {
  const n = e - s;
  const c = text.charCodeAt(s);
  if (n === 3 && c === 84 && text.startsWith("TCP", s)) return "tcp";
  if (n === 3 && c === 85 && text.startsWith("UDP", s)) return "udp";
  if (n === 4 && c === 73 && text.startsWith("ICMP", s)) return "icmp";
  if (n === 0) return "";
  const p = text.slice(s, e).toLowerCase();
  return p === "6" ? "tcp" : p === "17" ? "udp" : p === "1" ? "icmp" : p === "58" ? "icmpv6" : p.slice(0, 16);
}

/** True when text[i..] is " KEY=" for the three-letter KEY. */
function key3(text: string, i: number, key: string): boolean {
  return text.charCodeAt(i) === 32 && text.charCodeAt(i + 4) === 61 && text.startsWith(key, i + 1);
}

let lastHostText = "";
let lastPrefix = "\u0000";
let lastAction: TAction = "block";

export function parseNetfilterText(
  text: string,
  s: number,
  e: number,
  ctx: TParseContext,
  out: ParsedRecord,
): TOutcome {
  // Patterns start with a rare letter: V8's indexOf scans for the first character, and spaces
  // occur every few bytes.
  let srcKey = text.indexOf("SRC=", s) - 1;
  while (srcKey >= s && srcKey < e && text.charCodeAt(srcKey) !== 32)
    srcKey = text.indexOf("SRC=", srcKey + 2) - 1;
  if (srcKey < s || srcKey >= e) return NOT_THIS_FORMAT;
  const src = srcKey + 5;
  const srcEnd = tokenEnd(text, src, e);
  let dstKey = srcEnd;
  if (!key3(text, dstKey, "DST")) {
    dstKey = text.indexOf(" DST=", srcEnd);
    if (dstKey < 0 || dstKey >= e) return NOT_THIS_FORMAT;
  }
  const dst = dstKey + 5;
  const dstEnd = tokenEnd(text, dst, e);
  let ts = s;
  // An optional "<PRI>" / "<PRI>1 " before the timestamp (remote syslog).
  if (text.charCodeAt(s) === 60) {
    const gt = text.indexOf(">", s);
    if (gt > s && gt < s + 5) ts = text.startsWith("1 ", gt + 1) ? gt + 3 : gt + 1;
  }
  const t = parseTimeAt(text, ts, e, ctx);
  if (Number.isNaN(t)) return "missing-timestamp";
  if (t === TIME_INVALID) return "invalid-timestamp";
  if (!address(text, src, srcEnd, out, true) || !address(text, dst, dstEnd, out, false))
    return "invalid-address";
  let spt = -1;
  let dpt = -1;
  const protoKey = text.indexOf("PROTO=", dstEnd) - 1;
  if (protoKey >= 0 && protoKey < e) {
    const ps = protoKey + 7;
    const pe = tokenEnd(text, ps, e);
    out.proto = proto(text, ps, pe);
    // "PROTO=TCP SPT=51234 DPT=22": the kernel prints ports right after the protocol.
    if (key3(text, pe, "SPT")) {
      const se = tokenEnd(text, pe + 5, e);
      spt = port(text, pe + 5, se);
      dpt = key3(text, se, "DPT") ? port(text, se + 5, tokenEnd(text, se + 5, e)) : -2;
      if (spt === -2 || dpt === -2) return "invalid-port";
    }
  } else out.proto = "";
  out.timeMs = t;
  out.srcPort = spt;
  out.dstPort = dpt;
  // Host: the token after the timestamp, unless the line goes straight to "kernel:".
  let h = ctx.timeEnd;
  while (text.charCodeAt(h) === 32) h++;
  const he = tokenEnd(text, h, e);
  if (text.charCodeAt(he - 1) === 58) out.sensor = "";
  else if (he - h === lastHostText.length && text.startsWith(lastHostText, h)) out.sensor = lastHostText;
  else out.sensor = lastHostText = text.slice(h, he);
  // Log prefix: after the kernel's "[uptime] " (which changes every line), up to " IN=".
  let pe = text.indexOf("IN=", he) - 1;
  if (pe < 0 || pe > srcKey) pe = srcKey;
  let ps = he;
  const ob = text.indexOf("[", he);
  if (ob >= 0 && ob < pe) {
    let k = ob + 1;
    while (text.charCodeAt(k) === 32) k++;
    const c = text.charCodeAt(k);
    const cb = c >= 48 && c <= 57 ? text.indexOf("]", k) : -1;
    if (cb > 0 && cb < pe) ps = cb + 1;
  }
  if (pe - ps === lastPrefix.length && text.startsWith(lastPrefix, ps)) out.action = lastAction;
  else {
    // Copy the key out of the chunk string ("x" + ...) so the map does not pin a whole chunk.
    const prefix = (" " + text.slice(ps, pe)).slice(1);
    let action = prefixActions.get(prefix);
    if (action === undefined) {
      action = classifyPrefix(text.slice(he, pe));
      if (prefixActions.size > 10_000) prefixActions.clear();
      prefixActions.set(prefix, action);
    }
    lastPrefix = prefix;
    out.action = lastAction = action;
  }
  out.count = 1;
  return null;
}

/** Cheap check used by format detection. */
export function sniffNetfilter(line: string): boolean {
  return line.includes(" SRC=") && line.includes(" DST=");
}
