// A worker process for the fault tests that loads its modules first and starts the worker
// (apps/worker/src/main.ts, unchanged) only when a line arrives on stdin. Loading takes seconds on
// a busy machine; a test that kills a worker 20 times prepares the next one while the current one
// runs, so what a kill costs is BullMQ's stalled-job recovery, not module loading.
import "bullmq";
import "@mlsec/pipeline";
import "../src/stages/index.ts";
import "../src/workers.ts";

process.stdout.write("warm-worker: loaded\n");
let started = false;
process.stdin.once("data", () => {
  started = true;
  void import("../src/main.ts");
});
// The test that spawned this process went away before starting it: leave too.
process.stdin.once("end", () => {
  if (!started) process.exit(0);
});
