import type { Job } from "bullmq";
import { findSilentUploads, markUploadFailed } from "@mlsec/db";
import { ZSweepJob } from "@mlsec/jobs";

/**
 * Fails uploads whose stage has not written progress for a while: the worker died and BullMQ's own
 * retries are exhausted or were lost (e.g. Redis restarted). A live stage heartbeats while it works.
 */
export async function sweepSilentUploads(job: Job): Promise<number> {
  const { olderThanMs } = ZSweepJob.parse(job.data);
  const silent = await findSilentUploads(new Date(Date.now() - olderThanMs));
  for (const u of silent) {
    await markUploadFailed({
      tenantId: u.tenantId,
      id: u.id,
      error: `no progress from the ${u.stage ?? "pipeline"} stage since ${u.heartbeatAt?.toISOString() ?? "it was queued"}; the worker stopped. Upload the file again.`,
    });
  }
  return silent.length;
}
