import { buildBlocklist, parseExportQuery, exportResponse } from "@mlsec/pipeline/export";
import { jsonError } from "@/lib/json-error.ts";
import { withPrincipal } from "@/lib/with-principal.ts";
import { auditBy } from "@/lib/audit-by.ts";

/**
 * GET /api/v1/blocklist?format=txt|csv|json|stix&min=0.9&bucket=block: the tenant's IPs from its
 * done reports of the last 30 days, the newest score per IP winning, at or above `min` (default:
 * the tenant's block threshold). Default format: txt, one address a line.
 */
export const GET = withPrincipal("read", async (req, principal) => {
  const query = parseExportQuery(new URL(req.url).searchParams, { format: "txt" });
  if (!query.ok) return jsonError(400, query.error);
  const set = await buildBlocklist({ tenantId: principal.tenantId, min: query.min, buckets: query.buckets });
  await auditBy(principal, {
    action: "export",
    target: "blocklist",
    detail: { format: query.format, entries: set.entries.length },
  });
  return exportResponse(set, query.format, "mlsec-blocklist");
});
