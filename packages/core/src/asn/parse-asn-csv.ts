import { parseIpv6 } from "../net/parse-ip.ts";
import { type AsnTableBuilder } from "./asn-table.ts";

/**
 * Readers for the two ip-location-db files we use: asn-ipv4-num.csv (decimal bounds, the cheapest
 * to parse) and asn-ipv6.csv (text bounds; the -num variant would need BigInt per row).
 * Format per line: start,end,asn,organisation (organisation CSV-quoted when it holds commas).
 */
export function addV4Csv(builder: AsnTableBuilder, text: string): number {
  let rows = 0;
  forEachLine(text, (line) => {
    const c1 = line.indexOf(",");
    const c2 = line.indexOf(",", c1 + 1);
    const c3 = line.indexOf(",", c2 + 1);
    if (c1 < 0 || c2 < 0 || c3 < 0) return;
    const start = Number(line.slice(0, c1));
    const end = Number(line.slice(c1 + 1, c2));
    const asn = Number(line.slice(c2 + 1, c3));
    if (!Number.isInteger(start) || !Number.isInteger(end) || !Number.isInteger(asn)) return;
    builder.addV4(start, end, asn, unquote(line.slice(c3 + 1)));
    rows++;
  });
  return rows;
}

export function addV6Csv(builder: AsnTableBuilder, text: string): number {
  const start = new Uint32Array(4);
  const end = new Uint32Array(4);
  let rows = 0;
  forEachLine(text, (line) => {
    const c1 = line.indexOf(",");
    const c2 = line.indexOf(",", c1 + 1);
    const c3 = line.indexOf(",", c2 + 1);
    if (c1 < 0 || c2 < 0 || c3 < 0) return;
    if (!parseIpv6(line.slice(0, c1), start) || !parseIpv6(line.slice(c1 + 1, c2), end)) return;
    const asn = Number(line.slice(c2 + 1, c3));
    if (!Number.isInteger(asn)) return;
    builder.addV6(start, end, asn, unquote(line.slice(c3 + 1)));
    rows++;
  });
  return rows;
}

function forEachLine(text: string, fn: (line: string) => void): void {
  let pos = 0;
  while (pos < text.length) {
    let nl = text.indexOf("\n", pos);
    if (nl < 0) nl = text.length;
    const end = nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    if (end > pos) fn(text.slice(pos, end));
    pos = nl + 1;
  }
}

/** The organisation is the last field, so a quoted value simply runs to the end of the line. */
function unquote(field: string): string {
  if (field.length >= 2 && field.startsWith('"') && field.endsWith('"'))
    return field.slice(1, -1).replaceAll('""', '"');
  return field;
}
