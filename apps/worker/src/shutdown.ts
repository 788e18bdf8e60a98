import type { Job } from "bullmq";

/**
 * The jobs this process is running, with the lock token each was fetched with, so that a shutdown
 * that cannot wait for them (its deadline passed) hands them back to the queue explicitly. A job
 * moved back to wait this way is not a stall: it does not count towards the poison-job limit, and
 * the next worker takes it at once instead of after its lock lapses.
 */
const running = new Map<string, { job: Job; token: string }>();

export async function tracked<T>(job: Job, token: string | undefined, run: () => Promise<T>): Promise<T> {
  const key = `${job.queueName}:${job.id ?? ""}`;
  if (token) running.set(key, { job, token });
  try {
    return await run();
  } finally {
    running.delete(key);
  }
}

/** Moves every job this process still runs back to its queue's wait list; returns how many. */
export async function handBackRunningJobs(): Promise<Job[]> {
  const jobs = [...running.values()];
  running.clear();
  const moved = await Promise.all(
    jobs.map(({ job, token }) =>
      job.moveToWait(token).then(
        () => job,
        // Its lock is already gone (Redis restarted, or the job just finished): nothing to hand back.
        () => null,
      ),
    ),
  );
  return moved.filter((j): j is Job => j !== null);
}

/**
 * Stops the workers for a SIGTERM: no new jobs are fetched, running ones may finish until the
 * deadline, and what still runs then is handed back (handBackRunningJobs) for another worker.
 * Resolves with the jobs handed back; the caller exits the process, abandoning their handlers.
 */
export async function drain(workers: { close: () => Promise<void> }[], deadlineMs: number): Promise<Job[]> {
  let timer: NodeJS.Timeout | undefined;
  const closed = Promise.all(workers.map((w) => w.close())).then(() => "closed" as const);
  const late = new Promise<"deadline">((resolve) => {
    timer = setTimeout(() => resolve("deadline"), deadlineMs);
  });
  const first = await Promise.race([closed, late]);
  clearTimeout(timer);
  return first === "closed" ? [] : handBackRunningJobs();
}
