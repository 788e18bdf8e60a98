import { z } from "zod";
import { backtestDownload } from "@mlsec/pipeline/backtest";
import { ZBacktestParams, ZBacktestResultQuery, type TBacktestRouteContext } from "@/lib/api-schemas.ts";
import { jsonError } from "@/lib/json-error.ts";
import { noStore } from "@/lib/no-store.ts";
import { withPrincipal } from "@/lib/with-principal.ts";

/**
 * GET /api/v1/backtests/:id/result?format=json|html: the stored result (core's day-forward JSON)
 * or its self-contained HTML page, as a download. 404 "result not ready" until the run is done.
 */
export const GET = withPrincipal("read", async (req, principal, ctx: TBacktestRouteContext) => {
  const params = ZBacktestParams.safeParse(await ctx.params);
  if (!params.success) return jsonError(404, "not found");
  const query = ZBacktestResultQuery.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!query.success) return jsonError(400, "invalid query", { issues: z.flattenError(query.error) });
  const { format } = query.data;
  const bytes = await backtestDownload({ tenantId: principal.tenantId, id: params.data.id, format });
  if (!bytes) return jsonError(404, "result not ready");
  return new Response(new Uint8Array(bytes), {
    headers: noStore({
      "Content-Type": format === "json" ? "application/json" : "text/html; charset=utf-8",
      // The page is a file to keep, not a page of this site: never rendered under its origin.
      "Content-Disposition": `attachment; filename="backtest-${params.data.id}.${format}"`,
    }),
  });
});
