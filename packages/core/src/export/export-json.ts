import type { TExportSet } from "./export-set.ts";

/** The selected IPs as one JSON document: the filter, then one object per IP with its report's as-of day. */
export function exportJson(set: TExportSet): string {
  return `${JSON.stringify({
    generatedAt: set.generatedAt,
    filter: set.filter,
    count: set.entries.length,
    ips: set.entries.map((e) => ({ ...e.scored, asOf: e.asOf })),
  })}\n`;
}
