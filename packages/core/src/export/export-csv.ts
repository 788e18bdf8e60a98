import type { TExportSet } from "./export-set.ts";

export const CSV_COLUMNS = [
  "ip",
  "score",
  "verdict",
  "bucket",
  "events",
  "asn",
  "as_org",
  "country",
  "as_of",
  "reasons",
] as const;

/** RFC 4180 CSV with a header row; reasons joined by "; ". */
export function exportCsv(set: TExportSet): string {
  const rows = set.entries.map(({ scored: s, asOf }) =>
    [
      s.ip,
      s.score.toFixed(6),
      s.verdict,
      s.bucket,
      String(s.events),
      s.asn === null ? "" : String(s.asn),
      s.asOrg ?? "",
      s.country ?? "",
      asOf,
      s.reasons.join("; "),
    ]
      .map(csvField)
      .join(","),
  );
  return `${[CSV_COLUMNS.join(","), ...rows].join("\r\n")}\r\n`;
}

/**
 * One RFC 4180 field. Organisation names carry commas and quotes ("Enecom,Inc."); a cell a
 * spreadsheet would run as a formula (= + - @ tab CR first) is defused with a leading quote.
 */
export function csvField(v: string): string {
  // Only a whole number may keep a leading minus: "-1+cmd|' /C calc'!A0" starts with a digit too.
  const safe = /^[=+\-@\t\r]/.test(v) && !/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
