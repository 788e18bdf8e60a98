import { compareWords } from "../asn/asn-table.ts";
import { parseIpv4, parseIpv6 } from "../net/parse-ip.ts";

/**
 * IP -> registration country as flat typed arrays: sorted inclusive ranges searched by bisection,
 * one byte of country index per range. ~210k ranges take ~2.5 MB instead of objects per row.
 */
export type TCountryTable = {
  v4Start: Uint32Array;
  v4End: Uint32Array;
  v4Country: Uint8Array;
  /** Four big-endian words per range. */
  v6Start: Uint32Array;
  v6End: Uint32Array;
  v6Country: Uint8Array;
  /** ISO 3166-1 alpha-2 codes; index 0 is unused so a zeroed slot never reads as a country. */
  codes: string[];
};

/**
 * Builds the table from the package's asn-country-ipv4-num.csv (decimal bounds) and
 * asn-country-ipv6.csv (text bounds) texts; rows are sorted by start in both files.
 */
export function buildCountryTableFromCsv(v4Csv: string, v6Csv: string): TCountryTable {
  const codes: string[] = [""];
  const index = new Map<string, number>();
  const intern = (code: string): number => {
    let i = index.get(code);
    if (i === undefined) {
      i = codes.length;
      codes.push(code);
      index.set(code, i);
    }
    return i;
  };
  const v4s: number[] = [];
  const v4e: number[] = [];
  const v4c: number[] = [];
  forEachRow(v4Csv, (a, b, code) => {
    const start = Number(a);
    const end = Number(b);
    if (!Number.isInteger(start) || !Number.isInteger(end) || end < start) return;
    if (v4e.length > 0 && start <= (v4e.at(-1) ?? -1)) return;
    v4s.push(start);
    v4e.push(end);
    v4c.push(intern(code));
  });
  const v6s: number[] = [];
  const v6e: number[] = [];
  const v6c: number[] = [];
  const s = new Uint32Array(4);
  const e = new Uint32Array(4);
  forEachRow(v6Csv, (a, b, code) => {
    if (!parseIpv6(a, s) || !parseIpv6(b, e)) return;
    if (v6c.length > 0 && compareWords(s, 0, v6e, v6e.length - 4) <= 0) return;
    v6s.push(...s);
    v6e.push(...e);
    v6c.push(intern(code));
  });
  // More than 255 codes cannot happen with ISO alpha-2 as published; refuse rather than wrap.
  if (codes.length > 256) throw new RangeError(`too many country codes: ${codes.length}`);
  return {
    v4Start: Uint32Array.from(v4s),
    v4End: Uint32Array.from(v4e),
    v4Country: Uint8Array.from(v4c),
    v6Start: Uint32Array.from(v6s),
    v6End: Uint32Array.from(v6e),
    v6Country: Uint8Array.from(v6c),
    codes,
  };
}

const WORDS = new Uint32Array(4);

/** Registration country (ISO alpha-2) of an address in text form, or null when unknown or invalid. */
export function lookupCountry(table: TCountryTable, ip: string): string | null {
  const v4 = parseIpv4(ip);
  if (v4 >= 0) return lookupV4(table, v4);
  if (!parseIpv6(ip, WORDS)) return null;
  // IPv4-mapped IPv6 looks up as IPv4, like the AS lookup.
  if (WORDS[0] === 0 && WORDS[1] === 0 && WORDS[2] === 0xffff) return lookupV4(table, WORDS[3] ?? 0);
  let lo = 0;
  let hi = table.v6Country.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (compareWords(table.v6Start, mid * 4, WORDS, 0) <= 0) lo = mid + 1;
    else hi = mid - 1;
  }
  if (hi < 0 || compareWords(table.v6End, hi * 4, WORDS, 0) < 0) return null;
  return table.codes[table.v6Country[hi] ?? 0] || null;
}

function lookupV4(table: TCountryTable, ip: number): string | null {
  let lo = 0;
  let hi = table.v4Start.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if ((table.v4Start[mid] ?? 0) <= ip) lo = mid + 1;
    else hi = mid - 1;
  }
  if (hi < 0 || (table.v4End[hi] ?? 0) < ip) return null;
  return table.codes[table.v4Country[hi] ?? 0] || null;
}

function forEachRow(text: string, fn: (a: string, b: string, code: string) => void): void {
  let pos = 0;
  while (pos < text.length) {
    let nl = text.indexOf("\n", pos);
    if (nl < 0) nl = text.length;
    const end = nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    const c1 = text.indexOf(",", pos);
    const c2 = c1 < 0 ? -1 : text.indexOf(",", c1 + 1);
    if (c1 > pos && c2 > c1 && c2 < end)
      fn(text.slice(pos, c1), text.slice(c1 + 1, c2), text.slice(c2 + 1, end));
    pos = nl + 1;
  }
}
