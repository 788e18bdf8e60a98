import { cancelOperatorJob } from "@mlsec/pipeline/operator";
import { operatorJobAction, type TOperatorJobContext } from "@/lib/operator-job-action.ts";
import { withOperator } from "@/lib/require-operator.ts";

/**
 * POST /api/v1/operator/jobs/:queue/:id/cancel: removes a waiting or failed job, fails a running one
 * (an upload's stage fails its upload with the reason), audited in the job's tenant. Platform
 * operators only; anyone else 404.
 */
export const POST = withOperator((req, operator, ctx: TOperatorJobContext) =>
  operatorJobAction(req, operator, ctx, "cancelled", cancelOperatorJob),
);
