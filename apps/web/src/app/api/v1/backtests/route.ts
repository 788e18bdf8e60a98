import { z } from "zod";
import { enqueueBacktest } from "@mlsec/jobs";
import { requestBacktest, tenantBacktests } from "@mlsec/pipeline/backtest";
import { ZBacktestCreate } from "@/lib/api-schemas.ts";
import { actorOf } from "@/lib/authenticate-request.ts";
import { backtestView } from "@/lib/backtest-view.ts";
import { jsonError } from "@/lib/json-error.ts";
import { jsonOk } from "@/lib/json-ok.ts";
import { getQueues } from "@/lib/queues.ts";
import { readJsonBody } from "@/lib/read-json-body.ts";
import { withPrincipal } from "@/lib/with-principal.ts";

/** GET /api/v1/backtests: the tenant's day-forward backtest runs, newest first. */
export const GET = withPrincipal("read", async (_req, principal) => {
  const runs = await tenantBacktests(principal.tenantId);
  return jsonOk({ backtests: runs.map(backtestView) });
});

/**
 * POST /api/v1/backtests {"from"?, "to"?}: queues a run (202). 409 while another is queued or
 * running, or without data in the range. Scope "feedback" (analyst and above).
 */
export const POST = withPrincipal("feedback", async (req, principal) => {
  const parsed = ZBacktestCreate.safeParse(await readJsonBody(req));
  if (!parsed.success)
    return jsonError(400, "invalid backtest request", { issues: z.flattenError(parsed.error) });
  const asked = await requestBacktest({
    tenantId: principal.tenantId,
    actor: actorOf(principal),
    from: parsed.data.from,
    to: parsed.data.to,
    queue: (payload) => enqueueBacktest(getQueues(), payload),
  });
  if (!asked.ok) return jsonError(asked.status, asked.error);
  return jsonOk(backtestView(asked.backtest), { status: 202 });
});
