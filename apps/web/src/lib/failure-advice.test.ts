import { describe, expect, it } from "vitest";
import { failureAdvice } from "./failure-advice.ts";

// The reasons as the stages write them (packages/core read-lines, pipeline ingest-upload, the
// worker's stall guard and the silent-upload sweep).
describe("failureAdvice", () => {
  it("explains each recorded reason in the uploader's words, with a next step", () => {
    const cases: [string | null, string, RegExp][] = [
      [
        "ingest",
        "ingest failed: upload inflates past 21474836480 bytes (ratio 1030): refused as a decompression bomb",
        /decompression bomb/,
      ],
      ["ingest", "ingest failed: the file is empty", /empty/],
      [
        "ingest",
        "ingest failed: no line could be read as a firewall or log event (unknown-format: 12)",
        /format mlsec reads/,
      ],
      [
        "train",
        "train failed: the worker stopped 3 times while running this stage (out of memory or killed?); not retried",
        /ran out of memory/,
      ],
      [
        "rank",
        "no progress from the rank stage since 2026-12-07T01:00:00.000Z; the worker stopped. Upload the file again.",
        /lost this upload/,
      ],
      ["train", "train failed: libsvm: bad gamma", /could not be trained/],
    ];
    for (const [stage, error, what] of cases) {
      const advice = failureAdvice(stage, error);
      expect(advice.what, error).toMatch(what);
      expect(advice.next.length, error).toBeGreaterThan(10);
    }
  });

  it("falls back to an internal error, never to a blank", () => {
    expect(failureAdvice("report", "report failed: connect ECONNREFUSED 127.0.0.1:4568").what).toBe(
      "Processing stopped on an internal error.",
    );
    expect(failureAdvice(null, null).next).toMatch(/Upload the file again/);
  });
});
