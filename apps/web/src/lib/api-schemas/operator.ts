import { z } from "zod";
import { QUEUE_NAMES } from "@mlsec/jobs";

const minutes = z.coerce.number().min(0).max(10_080);

/** GET /api/v1/operator/jobs and the /operator page: the stuck thresholds, default from the config. */
export const ZOperatorJobsQuery = z.object({
  activeOverMinutes: minutes.optional(),
  waitingOverMinutes: minutes.optional(),
});

/** The job an operator retries or cancels: a queue of packages/jobs and a BullMQ job id. */
export const ZOperatorJobParams = z.object({
  queue: z.enum(Object.values(QUEUE_NAMES)),
  id: z.string().min(1).max(200),
});
