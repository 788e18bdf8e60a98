// One SVM worker thread: loads libsvm-js (WebAssembly, async init, once per thread), keeps the shared
// data set, and answers "fit on these rows, return decision values for those rows (and the model)".
import { setPriority } from "node:os";
import { parentPort } from "node:worker_threads";
import { fitScaler, scaleRow, parseSvmModel, decisionValue } from "./svm-math.mjs";

// libsvm-js tries fetch() on a file path first, fails, logs to stderr, then reads the file; hide
// fetch from this worker's global while it loads so the fallback is taken quietly.
const savedFetch = globalThis.fetch;
globalThis.fetch = undefined;
const SVM = await (await import("libsvm-js")).default;
globalThis.fetch = savedFetch;

let data = null;

parentPort.on("message", (msg) => {
  if (msg.type === "init") {
    data = { X: new Float64Array(msg.X), y: new Int8Array(msg.y), d: msg.d };
    // setPriority of pid 0 is this thread alone on Linux (nice values are per thread there), so a
    // background grid search runs below the worker's own stages. Refused (a lower value without
    // the right to it, another OS): the thread keeps its priority.
    if (msg.niceness)
      try {
        setPriority(msg.niceness);
      } catch {
        /* keeps the inherited priority */
      }
    return;
  }
  if (msg.type === "close") {
    parentPort.close();
    return;
  }
  try {
    parentPort.postMessage({ id: msg.id, ...fit(msg) });
  } catch (err) {
    parentPort.postMessage({ id: msg.id, error: err instanceof Error ? err.message : String(err) });
  }
});

function fit(task) {
  if (data === null) throw new Error("worker has no data");
  const { X, y, d } = data;
  const scaler = fitScaler(X, d, task.train);
  const samples = [];
  const labels = [];
  for (const r of task.train) {
    samples.push(scaleRow(X.subarray(r * d, r * d + d), scaler));
    labels.push(y[r]);
  }
  const svm = new SVM({
    kernel: SVM.KERNEL_TYPES.RBF,
    type: SVM.SVM_TYPES.C_SVC,
    gamma: task.gamma,
    cost: task.c,
    cacheSize: task.cacheMb,
    shrinking: task.shrinking,
    weight: task.weights,
    quiet: true,
  });
  try {
    svm.train(samples, labels);
    const text = svm.serializeModel();
    const model = parseSvmModel(text, d);
    const decisions = new Float64Array(task.test.length);
    task.test.forEach((r, i) => {
      decisions[i] = decisionValue(model, scaleRow(X.subarray(r * d, r * d + d), scaler));
    });
    return { decisions, model: task.wantModel ? text : undefined, scaler };
  } finally {
    svm.free();
  }
}
