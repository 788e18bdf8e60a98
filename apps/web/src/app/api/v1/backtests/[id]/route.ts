import { tenantBacktest } from "@mlsec/pipeline/backtest";
import { ZBacktestParams, type TBacktestRouteContext } from "@/lib/api-schemas.ts";
import { backtestView } from "@/lib/backtest-view.ts";
import { jsonError } from "@/lib/json-error.ts";
import { jsonOk } from "@/lib/json-ok.ts";
import { withPrincipal } from "@/lib/with-principal.ts";

/**
 * GET /api/v1/backtests/:id: one run with, once done, its per-day metrics, hits at each list size
 * and reliability bins (`result`, null before). Another tenant's id answers 404.
 */
export const GET = withPrincipal("read", async (_req, principal, ctx: TBacktestRouteContext) => {
  const params = ZBacktestParams.safeParse(await ctx.params);
  if (!params.success) return jsonError(404, "not found");
  const { backtest, detail } = await tenantBacktest({ tenantId: principal.tenantId, id: params.data.id });
  return jsonOk({ ...backtestView(backtest), result: detail });
});
