import { z } from "zod";
import { exportBlocklist } from "./export-blocklist.ts";
import { exportCsv } from "./export-csv.ts";
import { exportJson } from "./export-json.ts";
import type { TExportSet } from "./export-set.ts";
import { exportStix } from "./export-stix.ts";

export const EXPORT_FORMATS = ["csv", "json", "txt", "stix"] as const;
export const ZExportFormat = z.enum(EXPORT_FORMATS);
export type TExportFormat = z.infer<typeof ZExportFormat>;

export type TRenderedExport = { body: string; contentType: string; extension: string };

/** The export in one format with the media type and file extension a download should carry. */
export function renderExport(set: TExportSet, format: TExportFormat): TRenderedExport {
  switch (format) {
    case "csv":
      return { body: exportCsv(set), contentType: "text/csv; charset=utf-8", extension: "csv" };
    case "json":
      return { body: exportJson(set), contentType: "application/json", extension: "json" };
    case "txt":
      return { body: exportBlocklist(set), contentType: "text/plain; charset=utf-8", extension: "txt" };
    case "stix":
      return {
        body: `${JSON.stringify(exportStix(set))}\n`,
        contentType: "application/stix+json;version=2.1",
        extension: "stix.json",
      };
  }
}
