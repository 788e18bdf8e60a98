import { operatorAbuse } from "@mlsec/pipeline/operator";
import { jsonOk } from "@/lib/json-ok.ts";
import { withOperator } from "@/lib/require-operator.ts";

/**
 * GET /api/v1/operator/abuse: the last 24 hours of failed sign-ins and rate-limit hits of every
 * tenant, by client address and by tenant. Platform operators only; anyone else 404.
 */
export const GET = withOperator(async (_req, operator) => jsonOk(await operatorAbuse(operator)));
