import { utcDay } from "@mlsec/core/day";
import { maintainRollupPartitions } from "@mlsec/db";
import type { TRollupPartitionsJob } from "@mlsec/jobs";
import { log } from "../log.ts";

/**
 * maintenance.rollup-partitions: IpDayRollup's partitions for this month and the next three, and
 * any row that went to the DEFAULT partition moved into its month's own (packages/db
 * rollup-partitions.ts). Expired months are dropped by the retention job, which knows the cuts.
 */
export async function runRollupPartitions(job: TRollupPartitionsJob) {
  const result = await maintainRollupPartitions({
    today: job.today ?? utcDay(),
  });
  if (result.created.length > 0 || result.movedFromDefault > 0) log.info(result, "rollup partitions made");
  return result;
}
