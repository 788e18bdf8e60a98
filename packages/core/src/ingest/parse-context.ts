import type { TFormatName } from "../events/format-names.ts";

/** Per-stream parser state: the reference date for year-less timestamps and header-driven layouts. */
export type TParseContext = {
  /** Reference instant (ms) for syslog timestamps that carry no year. */
  referenceMs: number;
  referenceYear: number;
  /** Position just after the timestamp matched by the last parseTimeBytes/parseTimeText call. */
  timeEnd: number;
  /** Field names from the latest W3C `#Fields:` header (Windows Firewall), or null for the default layout. */
  w3cFields: string[] | null;
  /** Generic CSV column names, from the `columns` option or a detected header line. */
  csvColumns: string[] | null;
  /** True when the CSV columns came from the caller and header detection must not replace them. */
  csvColumnsFixed: boolean;
  /** Format of the previous event line, tried first on the next line. */
  last: TFormatName | null;
  /** Cache of midnight (ms) per month*32+day for year-less timestamps; NaN = not computed yet. */
  bsdDayStart: Float64Array;
};

export function createParseContext(referenceDate: Date, columns?: string[]): TParseContext {
  const referenceMs = referenceDate.getTime();
  return {
    referenceMs,
    referenceYear: referenceDate.getUTCFullYear(),
    timeEnd: 0,
    w3cFields: null,
    csvColumns: columns && columns.length > 0 ? columns.map((c) => c.trim().toLowerCase()) : null,
    csvColumnsFixed: Boolean(columns && columns.length > 0),
    last: null,
    bsdDayStart: new Float64Array(12 * 32).fill(Number.NaN),
  };
}
