import { availableParallelism } from "node:os";
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

export type TSvmPool = { fit(task: TFitTask): Promise<TFitResult>; close(): Promise<void> };

type TReply = { id: number; error?: string } & Partial<TFitResult>;
type TPending = { task: TFitTask; id: number; resolve: (r: TFitResult) => void; reject: (e: Error) => void };

const WORKER_URL = new URL("./svm-worker.mjs", import.meta.url);

/**
 * A fixed set of worker threads sharing one copy of the data (SharedArrayBuffer), each with its own
 * libsvm WebAssembly instance. Fits queue up and go to whichever thread is free, so folds and grid
 * points run in parallel.
 */
export function createSvmPool(X: Float64Array, y: Int8Array, d: number, threads?: number): TSvmPool {
  const sharedX = new SharedArrayBuffer(X.byteLength);
  new Float64Array(sharedX).set(X);
  const sharedY = new SharedArrayBuffer(y.byteLength);
  new Int8Array(sharedY).set(y);
  const size = Math.max(1, Math.floor(threads ?? availableParallelism()));
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
    w.postMessage({ type: "init", X: sharedX, y: sharedY, d });
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
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
