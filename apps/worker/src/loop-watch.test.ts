import { describe, expect, it } from "vitest";
import { markRunning, watchEventLoop } from "./loop-watch.ts";

const spin = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // hold the event loop, as a long synchronous stage step does
  }
};
const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("watchEventLoop", () => {
  it("reports a blocked loop with the stages running then, and stays quiet otherwise", async () => {
    const seen: { ms: number; running: string[] }[] = [];
    const stop = watchEventLoop({
      everyMs: 50,
      warnAfterMs: 200,
      onBlocked: (ms, running) => seen.push({ ms, running }),
    });
    await tick(300);
    expect(seen).toEqual([]);
    const done = markRunning("report upload-1");
    spin(600);
    await tick(120);
    done();
    stop();
    expect(seen).toHaveLength(1);
    expect(seen[0]?.ms).toBeGreaterThan(400);
    expect(seen[0]?.running).toEqual(["report upload-1"]);
  });
});
