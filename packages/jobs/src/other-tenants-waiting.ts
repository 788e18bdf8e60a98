import { PIPELINE_STAGES, QUEUE_NAMES, ZUploadJob } from "./definitions.ts";
import type { TQueues } from "./enqueue.ts";

// How many jobs of each state are looked at per stage queue: enough to find another tenant behind
// one tenant's own backlog, few enough that the check stays a handful of Redis calls.
const LOOK_AT = 20;

/**
 * Whether an upload stage of another tenant is waiting or running that came after `since` (queued,
 * or started, later than the asking stage started): what a long stage checks to decide to yield
 * the CPU for a moment. Only later work counts, so of two big uploads the older yields to the newer
 * and never both to each other, and a small upload that arrives beside a big one is the one let
 * through. Delayed jobs do not count: the fairness gate parks a tenant's over-limit jobs there.
 */
export async function otherTenantsWaiting(queues: TQueues, tenantId: string, since = 0): Promise<boolean> {
  const found = await Promise.all(
    PIPELINE_STAGES.map(async (stage) => {
      const jobs = await queues
        .get(QUEUE_NAMES[stage])
        .getJobs(["active", "waiting", "prioritized"], 0, LOOK_AT - 1);
      return jobs.some((j) => {
        const data = ZUploadJob.safeParse(j.data);
        return data.success && data.data.tenantId !== tenantId && (j.processedOn ?? j.timestamp) > since;
      });
    }),
  );
  return found.includes(true);
}
