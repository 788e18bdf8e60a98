import { ZIpQuery, ZUploadParams, type TUploadRouteContext } from "@/lib/api-schemas.ts";
import { queryIps } from "@/lib/ip-query.ts";
import { jsonError } from "@/lib/json-error.ts";
import { loadReportView } from "@/lib/report-cache.ts";
import { withPrincipal } from "@/lib/with-principal.ts";
import { jsonOk } from "@/lib/json-ok.ts";

/**
 * GET /api/v1/uploads/:id/report/ips?page=&size=&sort=score|events|ip&order=asc|desc&bucket=&verdict=&q=
 * One page of the report's scored IPs, filtered and sorted on the server (the report is read from
 * S3 once and cached per process), so the portal's table handles 100k rows. Bad parameters fall
 * back to defaults; another tenant's upload answers 404.
 */
export const GET = withPrincipal("read", async (req, principal, ctx: TUploadRouteContext) => {
  const params = ZUploadParams.safeParse(await ctx.params);
  if (!params.success) return jsonError(404, "not found");
  const found = await loadReportView({ tenantId: principal.tenantId, uploadId: params.data.id });
  if (!found.ready) return jsonError(404, "report not ready", { status: found.status });
  const query = ZIpQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
  return jsonOk(queryIps(found.report.index, query));
});
