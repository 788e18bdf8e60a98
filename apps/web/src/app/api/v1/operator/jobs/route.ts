import { z } from "zod";
import { operatorJobs } from "@mlsec/pipeline/operator";
import { ZOperatorJobsQuery } from "@/lib/api-schemas/operator.ts";
import { jsonError } from "@/lib/json-error.ts";
import { jsonOk } from "@/lib/json-ok.ts";
import { operatorThresholds } from "@/lib/operator-thresholds.ts";
import { getQueues } from "@/lib/queues.ts";
import { withOperator } from "@/lib/require-operator.ts";

/**
 * GET /api/v1/operator/jobs?activeOverMinutes=&waitingOverMinutes=: every tenant's failed jobs and
 * those active or waiting past the thresholds, with tenant, upload, stage, attempts and reason.
 * Platform operators only; anyone else 404.
 */
export const GET = withOperator(async (req, operator) => {
  const query = ZOperatorJobsQuery.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!query.success) return jsonError(400, "invalid query", { issues: z.flattenError(query.error) });
  const jobs = await operatorJobs(operator, getQueues(), operatorThresholds(query.data));
  return jsonOk({ jobs });
});
