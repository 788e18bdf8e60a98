import { retryOperatorJob } from "@mlsec/pipeline/operator";
import { operatorJobAction, type TOperatorJobContext } from "@/lib/operator-job-action.ts";
import { withOperator } from "@/lib/require-operator.ts";

/**
 * POST /api/v1/operator/jobs/:queue/:id/retry: runs a failed job again (its upload queued again),
 * audited in the job's tenant. Platform operators only; anyone else 404.
 */
export const POST = withOperator((req, operator, ctx: TOperatorJobContext) =>
  operatorJobAction(req, operator, ctx, "retried", retryOperatorJob),
);
