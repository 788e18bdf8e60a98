import { z } from "zod";
import { ConflictError, NotFoundError, type TPlatformOperator } from "@mlsec/db";
import { ZOperatorJobParams } from "./api-schemas/operator.ts";
import { jsonError } from "./json-error.ts";
import { jsonOk } from "./json-ok.ts";
import { getQueues } from "./queues.ts";
import { isFormPost } from "./require-operator.ts";
import type { TQueues } from "@mlsec/jobs";

export type TOperatorJobContext = { params: Promise<{ queue: string; id: string }> };

/** Where a form post lands afterwards: the operator page, saying what happened (no JavaScript needed). */
const backToPage = (params: Record<string, string>): Response =>
  new Response(null, {
    status: 303,
    headers: { Location: `/operator?${new URLSearchParams(params).toString()}`, "Cache-Control": "no-store" },
  });

/**
 * One operator action on one job (retry, cancel): the path checked, the use case called, and the
 * answer JSON for scripts or a redirect back to /operator for the page's forms.
 */
export async function operatorJobAction<T>(
  req: Request,
  operator: TPlatformOperator,
  ctx: TOperatorJobContext,
  action: "retried" | "cancelled",
  run: (operator: TPlatformOperator, queues: TQueues, ref: { queue: string; id: string }) => Promise<T>,
): Promise<Response> {
  const params = ZOperatorJobParams.safeParse(await ctx.params);
  if (!params.success) return jsonError(404, "not found", { issues: z.flattenError(params.error) });
  const form = isFormPost(req);
  const job = `${params.data.queue}/${params.data.id}`;
  try {
    const result = await run(operator, getQueues(), params.data);
    return form ? backToPage({ done: action, job }) : jsonOk(result);
  } catch (err) {
    if (!form) throw err;
    if (err instanceof NotFoundError) return backToPage({ failed: `${job}: no such job (gone already?)` });
    if (err instanceof ConflictError) return backToPage({ failed: `${job}: ${err.message}` });
    throw err;
  }
}
