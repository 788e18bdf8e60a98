import { describe, expect, it } from "vitest";
import { loadMetricsEnv } from "./metrics-env.ts";
import { loadWorkerEnv } from "./worker-env.ts";

describe("metrics env", () => {
  it("leaves metrics off by default and refuses a guessable token", () => {
    expect(loadMetricsEnv({}).METRICS_TOKEN).toBeUndefined();
    expect(loadMetricsEnv({ METRICS_TOKEN: "a".repeat(16) }).METRICS_TOKEN).toBe("a".repeat(16));
    expect(() => loadMetricsEnv({ METRICS_TOKEN: "short" })).toThrow(/METRICS_TOKEN/);
    expect(loadWorkerEnv({})).toMatchObject({ WORKER_METRICS_PORT: 0, WORKER_METRICS_HOST: "127.0.0.1" });
  });
});
