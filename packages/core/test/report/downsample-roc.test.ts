import { describe, expect, it } from "vitest";
import { downsampleRoc } from "../../src/train/downsample-roc.ts";
import { rocCurve, type TScore } from "../../src/train/metrics.ts";
import { ZRocPoint } from "../../src/train/types.ts";

describe("downsampleRoc", () => {
  const scores = Array.from({ length: 1000 }, (_, i): TScore => ({
    y: i % 3 === 0 ? 1 : 0,
    p: ((i * 7919) % 1000) / 1000,
  }));

  it("keeps the ends and about the asked number of points, monotone and JSON-safe", () => {
    const roc = downsampleRoc(scores, 50);
    expect(roc.length).toBeLessThanOrEqual(50);
    expect(roc.length).toBeGreaterThan(40);
    expect(roc[0]).toEqual({ fpr: 0, tpr: 0, threshold: null });
    expect(roc.at(-1)).toMatchObject({ fpr: 1, tpr: 1 });
    for (let i = 1; i < roc.length; i++) {
      expect(roc[i]?.fpr).toBeGreaterThanOrEqual(roc[i - 1]?.fpr ?? 0);
      expect(roc[i]?.tpr).toBeGreaterThanOrEqual(roc[i - 1]?.tpr ?? 0);
    }
    for (const p of JSON.parse(JSON.stringify(roc)) as unknown[]) ZRocPoint.parse(p);
  });

  it("keeps every point of a short curve", () => {
    const few = scores.slice(0, 5);
    expect(downsampleRoc(few, 50)).toHaveLength(rocCurve(few).length);
  });
});
