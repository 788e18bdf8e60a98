import { renderExport, type TExportFormat, type TExportSet } from "@mlsec/core/export";

/** An export as an HTTP download: body, media type, and a file name like `mlsec-blocklist.stix.json`. */
export function exportResponse(set: TExportSet, format: TExportFormat, stem: string): Response {
  const out = renderExport(set, format);
  return new Response(out.body, {
    headers: {
      "Content-Type": out.contentType,
      "Content-Disposition": `attachment; filename="${stem}.${out.extension}"`,
      "Cache-Control": "no-store",
      "X-Mlsec-Count": String(set.entries.length),
    },
  });
}
