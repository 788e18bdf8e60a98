import { formatIpv4 } from "../events/parse-ipv4.ts";
import type { TIpDayRollup, TIpDayRollupJson } from "../rollup/ip-day-rollup.ts";
import { estimatePortSketch } from "../rollup/port-sketch.ts";
import {
  POOL,
  POOL_PAGE_MASK,
  ROW_CONTINUED,
  ROW_SHIFT,
  ROW_V6,
  PAGE_MASK,
  W_ALERT,
  W_ALLOW,
  W_AUTH,
  W_BLOCK,
  W_FIRST,
  W_ICMP,
  W_LAST,
  W_POOL,
  W_PORT0,
  W_PORT0_BLOCKED,
  W_PORT0_COUNT,
  W_TCP,
  W_UDP,
} from "./rollup-row-layout.ts";
import type { RollupRows } from "./rollup-rows.ts";
import { ipv4TextKey, sortSlotsByKey } from "./sort-slots.ts";

// Rows of a day as they leave: in address order, as rollup objects or as JSON text for COPY.

/**
 * Slots in output order, IPv4 numerically then IPv6 by text; only rows whose ROW_CONTINUED
 * flag matches `continued`, unless it is null.
 */
export function sortedSlots(rows: RollupRows, continued: boolean | null, byText = false): number[] {
  const v4: number[] = [];
  const v6: number[] = [];
  for (let s = 0; s < rows.n; s++) {
    const f = rows.flags(s);
    if (continued !== null && ((f & ROW_CONTINUED) !== 0) !== continued) continue;
    ((f & ROW_V6) !== 0 ? v6 : v4).push(s);
  }
  // By text without building it: a few hundred thousand address strings per batch, alive
  // for the whole write, end up as old-generation garbage (tens of MB over a file).
  const sorted = sortSlotsByKey(v4, byText ? (s) => ipv4TextKey(rows.ipv4(s)) : (s) => rows.ipv4(s));
  const text = v6.map((s) => ({ s, ip: rows.ipOf(s) }));
  text.sort((a, b) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0));
  if (!byText) {
    for (const t of text) sorted.push(t.s);
    return sorted;
  }
  // Dotted quads and IPv6 text interleave by their first characters: merge the two lists.
  const out: number[] = [];
  let i = 0;
  for (const t of text) {
    while (i < sorted.length && formatIpv4(rows.ipv4(sorted[i] ?? 0)) < t.ip) out.push(sorted[i++] ?? 0);
    out.push(t.s);
  }
  while (i < sorted.length) out.push(sorted[i++] ?? 0);
  return out;
}

/** Row `s` with its maps as JSON text (the same content as `materialise`, without objects). */
export function encodeRow(rows: RollupRows, s: number): TIpDayRollupJson {
  const row = rows.page(s);
  const o = (s & PAGE_MASK) << ROW_SHIFT;
  let protocols = "";
  const tcp = row[o + W_TCP] ?? 0;
  const udp = row[o + W_UDP] ?? 0;
  const icmp = row[o + W_ICMP] ?? 0;
  if (tcp !== 0) protocols = member(protocols, "tcp", tcp);
  if (udp !== 0) protocols = member(protocols, "udp", udp);
  if (icmp !== 0) protocols = member(protocols, "icmp", icmp);
  const other = rows.otherProtocols(s);
  if (other) {
    const rest = JSON.stringify(Object.fromEntries(other)).slice(1, -1);
    protocols = protocols === "" ? rest : `${protocols},${rest}`;
  }
  const block = row[o + W_BLOCK] ?? 0;
  const allow = row[o + W_ALLOW] ?? 0;
  const alert = row[o + W_ALERT] ?? 0;
  const auth = row[o + W_AUTH] ?? 0;
  let actions = "";
  if (block !== 0) actions = member(actions, "block", block);
  if (allow !== 0) actions = member(actions, "allow", allow);
  if (alert !== 0) actions = member(actions, "alert", alert);
  if (auth !== 0) actions = member(actions, "auth-failure", auth);
  let ports = "";
  let blockedPorts = "";
  const p0 = row[o + W_PORT0] ?? 0;
  let exact = 0;
  if (p0 !== 0) {
    exact = 1;
    ports = member(ports, String(p0 - 1), row[o + W_PORT0_COUNT] ?? 0);
    const b = row[o + W_PORT0_BLOCKED] ?? 0;
    if (b > 0) blockedPorts = member(blockedPorts, String(p0 - 1), b);
  }
  for (let e = row[o + W_POOL] ?? 0; e !== 0;) {
    const pool = rows.poolPage(e);
    const at = POOL * ((e - 1) & POOL_PAGE_MASK);
    e = pool[at + 3] ?? 0;
    const port = String(pool[at] ?? 0);
    ports = member(ports, port, pool[at + 1] ?? 0);
    const b = pool[at + 2] ?? 0;
    if (b > 0) blockedPorts = member(blockedPorts, port, b);
    exact++;
  }
  const sketch = rows.sketch(s);
  const day = rows.dayText;
  return {
    day,
    ip: rows.ipOf(s),
    events: block + allow + alert + auth,
    distinctPorts: sketch ? Math.max(exact + 1, estimatePortSketch(sketch)) : exact,
    ports: `{${ports}}`,
    blockedPorts: `{${blockedPorts}}`,
    protocols: `{${protocols}}`,
    actions: `{${actions}}`,
    firstSeen: `${day}T${timeOfDay(row[o + W_FIRST] ?? 0)}Z`,
    lastSeen: `${day}T${timeOfDay(row[o + W_LAST] ?? 0)}Z`,
  };
}

/**
 * The rollup object of row `s`. Called for every row that leaves (hundreds of thousands per
 * file), so it avoids closures, Date objects and sorting: integer-like keys of the port maps
 * enumerate in ascending order by themselves.
 */
export function materialiseRow(rows: RollupRows, s: number): TIpDayRollup {
  const row = rows.page(s);
  const o = (s & PAGE_MASK) << ROW_SHIFT;
  const protocols: Record<string, number> = {};
  const tcp = row[o + W_TCP] ?? 0;
  const udp = row[o + W_UDP] ?? 0;
  const icmp = row[o + W_ICMP] ?? 0;
  if (tcp !== 0) protocols.tcp = tcp;
  if (udp !== 0) protocols.udp = udp;
  if (icmp !== 0) protocols.icmp = icmp;
  const other = rows.otherProtocols(s);
  if (other) for (const [k, v] of other) protocols[k] = v;
  const block = row[o + W_BLOCK] ?? 0;
  const allow = row[o + W_ALLOW] ?? 0;
  const alert = row[o + W_ALERT] ?? 0;
  const auth = row[o + W_AUTH] ?? 0;
  const actions: TIpDayRollup["actions"] = {};
  if (block !== 0) actions.block = block;
  if (allow !== 0) actions.allow = allow;
  if (alert !== 0) actions.alert = alert;
  if (auth !== 0) actions["auth-failure"] = auth;
  const ports: Record<string, number> = {};
  const blockedPorts: Record<string, number> = {};
  const p0 = row[o + W_PORT0] ?? 0;
  let exact = 0;
  if (p0 !== 0) {
    exact = 1;
    ports[p0 - 1] = row[o + W_PORT0_COUNT] ?? 0;
    const b = row[o + W_PORT0_BLOCKED] ?? 0;
    if (b > 0) blockedPorts[p0 - 1] = b;
  }
  for (let e = row[o + W_POOL] ?? 0; e !== 0;) {
    const pool = rows.poolPage(e);
    const at = POOL * ((e - 1) & POOL_PAGE_MASK);
    e = pool[at + 3] ?? 0;
    const port = pool[at] ?? 0;
    ports[port] = pool[at + 1] ?? 0;
    const b = pool[at + 2] ?? 0;
    if (b > 0) blockedPorts[port] = b;
    exact++;
  }
  const sketch = rows.sketch(s);
  const day = rows.dayText;
  return {
    day,
    ip: rows.ipOf(s),
    events: block + allow + alert + auth,
    distinctPorts: sketch ? Math.max(exact + 1, estimatePortSketch(sketch)) : exact,
    ports,
    blockedPorts,
    protocols,
    actions,
    firstSeen: `${day}T${timeOfDay(row[o + W_FIRST] ?? 0)}Z`,
    lastSeen: `${day}T${timeOfDay(row[o + W_LAST] ?? 0)}Z`,
  };
}

/** Appends `"key":value` to a JSON object body. */
function member(json: string, key: string, value: number): string {
  return `${json === "" ? "" : `${json},`}"${key}":${value}`;
}

const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, "0"));
const THREE_DIGITS = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, "0"));

/** "HH:MM:SS.mmm" of milliseconds past midnight, as Date#toISOString writes it. */
function timeOfDay(ms: number): string {
  const sec = Math.floor(ms / 1000);
  return `${TWO_DIGITS[Math.floor(sec / 3600)] ?? ""}:${TWO_DIGITS[Math.floor(sec / 60) % 60] ?? ""}:${TWO_DIGITS[sec % 60] ?? ""}.${THREE_DIGITS[ms % 1000] ?? ""}`;
}
