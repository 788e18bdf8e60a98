import { describe, expect, it } from "vitest";
import { ZFeedback, ZFeedbackBody } from "./feedback-schema.ts";
import { MS_PER_DAY } from "@mlsec/core/day";

const today = new Date().toISOString().slice(0, 10);
const tomorrow = new Date(Date.now() + MS_PER_DAY).toISOString().slice(0, 10);

describe("ZFeedback", () => {
  it("takes a verdict on the whole address, or on one past day of it with the rule judged", () => {
    expect(ZFeedback.parse({ ip: "192.0.2.1", verdict: "benign" })).toEqual({
      ip: "192.0.2.1",
      verdict: "benign",
      note: "",
    });
    for (const day of ["2026-02-28", "2024-02-29", today]) {
      expect(ZFeedback.safeParse({ ip: "192.0.2.1", verdict: "benign", day }).success, day).toBe(true);
    }
    expect(
      ZFeedback.parse({ ip: "192.0.2.1", verdict: "malicious", day: "2026-09-01", cluster: "watched-ports" }),
    ).toMatchObject({ day: "2026-09-01", cluster: "watched-ports" });
  });

  it("refuses a day that is no date, not a calendar day or in the future, and a long or empty cluster", () => {
    const refused = (extra: Record<string, unknown>) => {
      const parsed = ZFeedback.safeParse({ ip: "192.0.2.1", verdict: "benign", ...extra });
      return parsed.success ? null : parsed.error.issues.map((i) => i.message).join("; ");
    };
    expect(refused({ day: "2026-9-1" })).toContain("YYYY-MM-DD");
    expect(refused({ day: "yesterday" })).toContain("YYYY-MM-DD");
    expect(refused({ day: "2026-02-30" })).toContain("not a calendar date");
    expect(refused({ day: "2025-13-01" })).toContain("not a calendar date");
    expect(refused({ day: tomorrow })).toContain("future");
    expect(refused({ day: 20260901 })).not.toBeNull();
    expect(refused({ cluster: "x".repeat(65) })).not.toBeNull();
    expect(refused({ cluster: "" })).not.toBeNull();
  });

  it("checks every item of a bulk body", () => {
    const items = [
      { ip: "192.0.2.1", verdict: "benign", day: "2026-09-01" },
      { ip: "192.0.2.2", verdict: "benign", day: tomorrow },
    ];
    expect(ZFeedbackBody.safeParse(items).success).toBe(false);
    expect(ZFeedbackBody.safeParse(items.slice(0, 1)).success).toBe(true);
  });
});

/** The body's issues as text, or null when it parses. */
function refusal(body: unknown): string | null {
  const parsed = ZFeedbackBody.safeParse(body);
  return parsed.success ? null : JSON.stringify(parsed.error.issues);
}

describe("ZFeedbackBody with event verdicts", () => {
  it("takes a verdict on one sampled event, alone or among others", () => {
    expect(ZFeedbackBody.parse({ uploadId: "u1", line: 1234, verdict: "benign" })).toEqual({
      uploadId: "u1",
      line: 1234,
      verdict: "benign",
      note: "",
    });
    expect(
      ZFeedbackBody.parse([
        { uploadId: "u1", line: 7, verdict: "malicious", ip: "192.0.2.1", note: "ours" },
        { ip: "192.0.2.2", verdict: "benign", day: "2026-09-01" },
      ]),
    ).toHaveLength(2);
  });

  it("refuses a bad line, and a body mixing an event with a day or cluster instead of dropping either", () => {
    for (const line of [0, -3, 1.5, "12", 2 ** 31]) {
      expect(refusal({ uploadId: "u1", line, verdict: "benign" }), String(line)).not.toBeNull();
    }
    expect(refusal({ uploadId: "u1", line: 7, verdict: "benign", day: "2026-09-01" })).toContain("day");
    expect(refusal({ ip: "192.0.2.1", uploadId: "u1", verdict: "benign" })).not.toBeNull();
    // Neither shape: the message names both.
    const [issue] = ZFeedbackBody.safeParse({ verdict: "benign" }).error?.issues ?? [];
    expect(issue?.message).toContain('the "uploadId" and "line" of a sampled event');
  });

  it("holds at most 50 event verdicts in one request", () => {
    const events = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ uploadId: "u1", line: i + 1, verdict: "benign" }));
    expect(refusal(events(50))).toBeNull();
    expect(refusal(events(51))).toContain("at most 50 event verdicts");
  });
});
