import { parseExportQuery, exportResponse, exportUploadReport } from "@mlsec/pipeline/export";
import { ZUploadParams, type TUploadRouteContext } from "@/lib/api-schemas.ts";
import { jsonError } from "@/lib/json-error.ts";
import { withPrincipal } from "@/lib/with-principal.ts";
import { auditBy } from "@/lib/audit-by.ts";

/**
 * GET /api/v1/uploads/:id/report/export?format=csv|json|txt|stix&min=&bucket=: one report's IPs in
 * an export format (default csv, every IP). 404 for an unknown id, another tenant's, or no report yet.
 */
export const GET = withPrincipal("read", async (req, principal, ctx: TUploadRouteContext) => {
  const params = ZUploadParams.safeParse(await ctx.params);
  if (!params.success) return jsonError(404, "not found");
  const query = parseExportQuery(new URL(req.url).searchParams, { format: "csv" });
  if (!query.ok) return jsonError(400, query.error);
  const set = await exportUploadReport({
    tenantId: principal.tenantId,
    uploadId: params.data.id,
    min: query.min,
    buckets: query.buckets,
  });
  await auditBy(principal, {
    action: "export",
    target: `upload:${params.data.id}`,
    detail: { format: query.format, entries: set.entries.length },
  });
  return exportResponse(set, query.format, `mlsec-report-${params.data.id}`);
});
