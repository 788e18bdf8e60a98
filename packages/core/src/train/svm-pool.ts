import { availableParallelism } from "node:os";
import { setFlagsFromString } from "node:v8";
import { Worker } from "node:worker_threads";
import type { TScaler } from "./svm-math.mjs";

export type TFitTask = {
  /** Row indices to train on and to score. */
  train: Int32Array;
  test: Int32Array;
  c: number;
  gamma: number;
  /** libsvm class weights keyed by label (1 malicious, 0 benign), for class balancing. */
  weights: Record<string, number>;
  cacheMb: number;
  shrinking: boolean;
  wantModel: boolean;
};
export type TFitResult = { decisions: Float64Array; model?: string; scaler: TScaler };

export type TSvmPool = {
  fit(task: TFitTask): Promise<TFitResult>;
  /** Ends every thread; resolves to their exit codes (0: ended on its own, 1: had to be terminated). */
  close(): Promise<number[]>;
};

type TReply = { id: number; error?: string } & Partial<TFitResult>;
type TPending = { task: TFitTask; id: number; resolve: (r: TFitResult) => void; reject: (e: Error) => void };

const WORKER_URL = new URL("./svm-worker.mjs", import.meta.url);
/** How long a thread may take to wind down after "close" before it is terminated. */
const CLOSE_GRACE_MS = 5_000;

/**
 * Node 20 unregisters a worker's isolate from the platform before V8 has stopped that isolate's
 * background TurboFan jobs; a job that allocates in that window aborts the whole process
 * (node_platform.cc ForIsolate "Assertion failed: (data.first) != nullptr", seen in CI). V8 reads
 * this flag when an isolate is created, so the SVM threads made after it compile on their own
 * thread and have no background job to race; their hot loop is WebAssembly, so nothing is lost.
 * The main thread's isolate already exists and keeps concurrent compilation.
 */
let recompilationPinned = false;
function pinRecompilationToWorkerThreads(): void {
  if (recompilationPinned) return;
  setFlagsFromString("--no-concurrent-recompilation");
  recompilationPinned = true;
}

/**
 * A fixed set of worker threads sharing one copy of the data (SharedArrayBuffer), each with its own
 * libsvm WebAssembly instance. Fits queue up and go to whichever thread is free, so folds and grid
 * points run in parallel.
 */
export function createSvmPool(
  X: Float64Array,
  y: Int8Array,
  d: number,
  threads?: number,
  /** Nice value of the pool's threads (Linux: per thread), so a background training yields the CPU. */
  niceness = 0,
): TSvmPool {
  const sharedX = new SharedArrayBuffer(X.byteLength);
  new Float64Array(sharedX).set(X);
  const sharedY = new SharedArrayBuffer(y.byteLength);
  new Int8Array(sharedY).set(y);
  const size = Math.max(1, Math.floor(threads ?? availableParallelism()));
  pinRecompilationToWorkerThreads();
  const queue: TPending[] = [];
  const idle: Worker[] = [];
  const busy = new Map<Worker, TPending>();
  let nextId = 0;
  let failure: Error | null = null;

  const dispatch = (): void => {
    while (idle.length > 0 && queue.length > 0) {
      const worker = idle.pop();
      const job = queue.shift();
      if (!worker || !job) return;
      busy.set(worker, job);
      worker.postMessage({ type: "fit", id: job.id, ...job.task });
    }
  };

  const fail = (err: Error): void => {
    failure ??= err;
    for (const job of [...queue, ...busy.values()]) job.reject(err);
    queue.length = 0;
    busy.clear();
  };

  const workers = Array.from({ length: size }, () => {
    const w = new Worker(WORKER_URL);
    w.postMessage({ type: "init", X: sharedX, y: sharedY, d, niceness });
    w.on("message", (reply: TReply) => {
      const job = busy.get(w);
      busy.delete(w);
      idle.push(w);
      if (job) {
        if (reply.error !== undefined) job.reject(new Error(reply.error));
        else if (reply.decisions && reply.scaler)
          job.resolve({ decisions: reply.decisions, model: reply.model, scaler: reply.scaler });
        else job.reject(new Error("malformed reply from SVM worker"));
      }
      dispatch();
    });
    w.on("error", (err) => fail(err));
    w.on("exit", (code) => {
      if (code !== 0) fail(new Error(`SVM worker exited with code ${code}`));
    });
    idle.push(w);
    return w;
  });

  return {
    fit(task) {
      if (failure) return Promise.reject(failure);
      return new Promise<TFitResult>((resolve, reject) => {
        queue.push({ task, id: nextId++, resolve, reject });
        dispatch();
      });
    },
    async close() {
      // Ask each thread to finish on its own (it closes its port and its event loop ends) rather
      // than terminating it mid-task; terminate only a thread that does not end in time.
      return Promise.all(workers.map((w) => closeGracefully(w)));
    },
  };
}

function closeGracefully(worker: Worker): Promise<number> {
  return new Promise((resolve) => {
    // threadId is -1 once the thread has already ended (e.g. it crashed and the pool failed).
    if (worker.threadId === -1) return resolve(1);
    const timer = setTimeout(() => void worker.terminate(), CLOSE_GRACE_MS);
    worker.once("exit", (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    worker.postMessage({ type: "close" });
  });
}
