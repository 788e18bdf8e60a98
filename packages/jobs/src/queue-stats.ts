import { QUEUE_NAMES, type TQueueName } from "./definitions.ts";
import type { TQueues } from "./enqueue.ts";

/** The job states an operator watches, as BullMQ names them. */
export const QUEUE_STATES = ["waiting", "prioritized", "active", "delayed", "failed", "completed"] as const;
export type TQueueState = (typeof QUEUE_STATES)[number];

export type TQueueStats = {
  queue: TQueueName;
  counts: Record<TQueueState, number>;
  /** How long the oldest job still waiting has waited, in ms; 0 when none waits. */
  oldestWaitingMs: number;
};

/**
 * Depth and age of every queue, read from Redis: the same from any process, so whoever serves the
 * metrics (the portal) reports the platform's queues, not its own share of them.
 */
export async function queueStats(queues: TQueues, now: number = Date.now()): Promise<TQueueStats[]> {
  return Promise.all(
    Object.values(QUEUE_NAMES).map(async (queue) => {
      const q = queues.get(queue);
      const raw = await q.getJobCounts(...QUEUE_STATES);
      const counts = Object.fromEntries(QUEUE_STATES.map((s) => [s, raw[s] ?? 0])) as Record<
        TQueueState,
        number
      >;
      // asc: the oldest first (the wait list is pushed at the head).
      const [oldest] = await q.getJobs(["waiting", "prioritized"], 0, 0, true);
      const oldestWaitingMs = oldest ? Math.max(0, now - oldest.timestamp) : 0;
      return { queue, counts, oldestWaitingMs };
    }),
  );
}
