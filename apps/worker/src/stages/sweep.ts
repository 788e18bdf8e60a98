import { findSilentUploads, markUploadFailed } from "@mlsec/db";

/**
 * Fails uploads whose stage has not written progress for a while: the worker died and BullMQ's own
 * retries are exhausted or were lost (e.g. Redis restarted). A live stage heartbeats while it works.
 */
export async function sweepSilentUploads(olderThanMs: number): Promise<number> {
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
