import { ZUploadParams, type TUploadRouteContext } from "@/lib/api-schemas.ts";
import { jsonError } from "@/lib/json-error.ts";
import { loadReport } from "@/lib/load-report.ts";
import { withPrincipal } from "@/lib/with-principal.ts";
import { jsonOk } from "@/lib/json-ok.ts";

/**
 * GET /api/v1/uploads/:id/report: the report JSON as the worker wrote it. Before the report exists
 * this answers 404 with `{"error":"report not ready","status":...}` so clients can tell it from an unknown id.
 */
export const GET = withPrincipal("read", async (_req, principal, ctx: TUploadRouteContext) => {
  const params = ZUploadParams.safeParse(await ctx.params);
  if (!params.success) return jsonError(404, "not found");
  const found = await loadReport({ tenantId: principal.tenantId, uploadId: params.data.id });
  if (!found.ready) return jsonError(404, "report not ready", { status: found.status });
  return jsonOk(found.report);
});
