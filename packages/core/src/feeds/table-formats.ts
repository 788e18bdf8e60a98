import { ChunkBuffer } from "./chunk-buffer.ts";
import { type TDecisionSource, liveDecisions } from "./feed-source.ts";

export const FEED_CSV_COLUMNS = [
  "value",
  "scope",
  "score",
  "bucket",
  "cluster",
  "as_of",
  "valid_until",
  "asn",
  "report_id",
];

/** A CSV cell, quoted when needed; a leading = + - @ is prefixed with ' so no spreadsheet runs it. */
function cell(v: string | number | null): string {
  let text = v === null ? "" : String(v);
  if (/^[=+\-@\t\r]/.test(text) && typeof v === "string") text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The feed as CSV (RFC 4180, CRLF), one live decision a row, for SIEM lookups and spreadsheets. */
export async function* renderFeedCsv(
  source: TDecisionSource,
  options: { now: Date },
): AsyncGenerator<string> {
  const buf = new ChunkBuffer();
  buf.push(`${FEED_CSV_COLUMNS.join(",")}\r\n`);
  for await (const d of liveDecisions(source, options.now)) {
    const row = [d.value, d.scope, d.score, d.bucket, d.cluster, d.asOf, d.validUntil, d.asn, d.reportId];
    const chunk = buf.push(`${row.map(cell).join(",")}\r\n`);
    if (chunk) yield chunk;
  }
  yield buf.take();
}

/** The feed as JSON lines (one decision object a line): streams, and `jq -c` / SIEMs read it as is. */
export async function* renderFeedJsonLines(
  source: TDecisionSource,
  options: { now: Date },
): AsyncGenerator<string> {
  const buf = new ChunkBuffer();
  for await (const d of liveDecisions(source, options.now)) {
    const chunk = buf.push(`${JSON.stringify(d)}\n`);
    if (chunk) yield chunk;
  }
  const rest = buf.take();
  if (rest) yield rest;
}
