import { parseIp } from "@mlsec/core/net";
import type { TIpQuery, TIpSort } from "./api-schemas/reports.ts";
import type { TIpRow } from "./report-view.ts";

/** The report's rows with what paging needs precomputed once per cached report. */
export type TIpIndex = {
  rows: readonly TIpRow[];
  /** Lower-cased "ip asN org" per row, for the text filter. */
  haystack: readonly string[];
  /** Row indexes in ascending order per sort column, computed on first use. */
  sorted: Partial<Record<TIpSort, Int32Array>>;
  /** Rows by address, built on the first lookup (the IP page). */
  byIp?: Map<string, TIpRow>;
};

export type TIpPage = { total: number; page: number; size: number; pages: number; rows: TIpRow[] };

export function indexIps(rows: readonly TIpRow[]): TIpIndex {
  const haystack = rows.map((r) =>
    `${r.ip} ${r.asn != null ? `as${r.asn}` : ""} ${r.asOrg ?? ""} ${r.country ?? ""}`.toLowerCase(),
  );
  return { rows, haystack, sorted: {} };
}

/** One page of the rows matching the filters, in the requested order (ties: score, events, ip). */
export function queryIps(index: TIpIndex, query: TIpQuery): TIpPage {
  const order = (index.sorted[query.sort] ??= sortedOrder(index.rows, query.sort));
  const start = (query.page - 1) * query.size;
  const out: TIpRow[] = [];
  let total = 0;
  const n = order.length;
  for (let k = 0; k < n; k++) {
    const i = order[query.order === "asc" ? k : n - 1 - k] ?? 0;
    const row = index.rows[i];
    if (!row || !matches(row, index.haystack[i] ?? "", query)) continue;
    if (total >= start && out.length < query.size) out.push(row);
    total++;
  }
  return {
    total,
    page: query.page,
    size: query.size,
    pages: Math.max(1, Math.ceil(total / query.size)),
    rows: out,
  };
}

function matches(row: TIpRow, haystack: string, q: TIpQuery): boolean {
  if (q.bucket && row.bucket !== q.bucket) return false;
  if (q.verdict && row.verdict !== q.verdict) return false;
  return !q.q || haystack.includes(q.q);
}

function sortedOrder(rows: readonly TIpRow[], sort: TIpSort): Int32Array {
  const keys = sort === "ip" ? rows.map((r) => ipSortKey(r.ip)) : null;
  const ids = Int32Array.from(rows.keys());
  const score = (i: number) => rows[i]?.score ?? -1;
  const events = (i: number) => rows[i]?.events ?? 0;
  const ip = (i: number) => keys?.[i] ?? rows[i]?.ip ?? "";
  const cmpIp = (a: number, b: number) => (ip(a) < ip(b) ? -1 : ip(a) > ip(b) ? 1 : 0);
  return ids.sort((a, b) => {
    if (sort === "ip") return cmpIp(a, b);
    const primary =
      sort === "score"
        ? score(a) - score(b) || events(a) - events(b)
        : events(a) - events(b) || score(a) - score(b);
    // Descending is the reverse walk, so ties reverse too: break them by ip descending here.
    return primary || cmpIp(b, a);
  });
}

/** Numeric order of addresses as a string: IPv4 before IPv6, each by value. */
function ipSortKey(ip: string): string {
  const parsed = parseIp(ip);
  if (!parsed) return `9${ip}`;
  if (parsed.family === 4) return `4${(parsed.v4 >>> 0).toString(16).padStart(8, "0")}`;
  return `6${Array.from(parsed.words, (w) => (w >>> 0).toString(16).padStart(8, "0")).join("")}`;
}

/** The report's row for one address, or undefined. */
export function rowOfIp(index: TIpIndex, ip: string): TIpRow | undefined {
  index.byIp ??= new Map(index.rows.map((r) => [r.ip, r]));
  return index.byIp.get(ip);
}
