// A worker's event loop blocked for long is what loses BullMQ's job locks: the lock of every job
// the process runs is renewed by a timer, and a synchronous step that holds the loop past
// WORKER_LOCK_MS lets the stalled-job check hand its jobs to another worker and, the second time,
// fail them ("the worker stopped 2 times", seen in bench/load.ts at 100 tenants). This watch names
// the jobs that were running when the loop came back late, so the log says which step to split.

const running = new Map<number, string>();
let nextId = 0;

/** Marks a job as running in this process until the returned function is called. */
export function markRunning(label: string): () => void {
  const id = nextId++;
  running.set(id, label);
  return () => running.delete(id);
}

/**
 * Calls `onBlocked` when a timer due every `everyMs` fires more than `warnAfterMs` late, with how
 * late it was and the jobs marked running at that moment. Returns a stop function.
 */
export function watchEventLoop(opts: {
  everyMs: number;
  warnAfterMs: number;
  onBlocked: (blockedMs: number, running: string[]) => void;
}): () => void {
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    const late = now - last - opts.everyMs;
    last = now;
    if (late > opts.warnAfterMs) opts.onBlocked(Math.round(late), [...running.values()]);
  }, opts.everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
