import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { featureCeilingAuc, featureGroup } from "@mlsec/core/eval";
import { rocAuc } from "@mlsec/core/train";

describe("featureCeilingAuc: the best AUC any ranker of the features can reach", () => {
  it("orders groups by their malicious share and ties rows within a group", () => {
    const rows = [
      ...[1, 1].map((y) => ({ y: y as 0 | 1, group: "a" })),
      ...[1, 0].map((y) => ({ y: y as 0 | 1, group: "b" })),
      ...[0, 0].map((y) => ({ y: y as 0 | 1, group: "c" })),
    ];
    // a's 2 malicious beat all 3 benign (6 pairs), b's one beats c's 2 and ties b's benign (2.5).
    expect(featureCeilingAuc(rows)).toBeCloseTo(8.5 / 9, 12);
    expect(featureCeilingAuc(rows.map((r, i) => ({ ...r, group: String(i) })))).toBe(1);
    expect(featureCeilingAuc(rows.map((r) => ({ ...r, group: "same" })))).toBe(0.5);
  });

  it("is never below the AUC of a score that is a function of the features", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ y: fc.constantFrom<0 | 1>(0, 1), g: fc.integer({ min: 0, max: 6 }) }), {
          minLength: 2,
          maxLength: 60,
        }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 7, maxLength: 7 }),
        (rows, scoreOfGroup) => {
          const scored = rows.map((r) => ({ y: r.y, p: scoreOfGroup[r.g] ?? 0 }));
          const ceiling = featureCeilingAuc(rows.map((r) => ({ y: r.y, group: String(r.g) })));
          expect(rocAuc(scored)).toBeLessThanOrEqual(ceiling + 1e-12);
        },
      ),
    );
  });

  it("keys a row by its day and exact feature values", () => {
    expect(featureGroup("2026-01-02", [0, 0.5, 1])).toBe(featureGroup("2026-01-02", [0, 0.5, 1]));
    expect(featureGroup("2026-01-02", [0, 0.5, 1])).not.toBe(featureGroup("2026-01-03", [0, 0.5, 1]));
    expect(featureGroup("2026-01-02", [0, 0.5, 1])).not.toBe(featureGroup("2026-01-02", [0, 0.5, 0]));
  });
});
