import { describe, expect, it } from "vitest";
import { scoreIps } from "../../src/pipeline/score-ips.ts";
import { computeRanks } from "../../src/rank/compute-ranks.ts";
import { FEATURE_NAMES, featuresFor } from "../../src/rank/features.ts";
import { loadPredictor } from "../../src/train/load-predictor.ts";
import { seededRandom } from "../../src/train/seeded-random.ts";
import { trainModel } from "../../src/train/train-model.ts";
import { sshBlocked } from "../rank/fixtures.ts";

// The 16 columns models were trained on before the neighbourhood evidence columns were added.
const OLD = FEATURE_NAMES.slice(0, 16);

describe("scoring with a model of an older feature layout", () => {
  it("gives the model exactly its own columns, by name", async () => {
    const rand = seededRandom(5);
    const rows = Array.from({ length: 80 }, (_, i) => ({
      x: OLD.map((_, j) => (i % 2 === 1 && j === 0 ? 1 + rand() : rand() * 0.1)),
      y: (i % 2) as 0 | 1,
    }));
    const model = await trainModel(rows, { folds: 2, c: 1, gamma: 0.5, threads: 1, featureNames: OLD });
    const predictor = await loadPredictor(model);
    try {
      const snapshot = computeRanks(
        [sshBlocked("2026-03-08", "1.2.3.4"), sshBlocked("2026-03-09", "1.2.3.4")],
        {
          asOf: "2026-03-10",
        },
      );
      expect(featuresFor(snapshot, "1.2.3.4").length).toBeGreaterThan(OLD.length);
      const [scored] = scoreIps({ snapshot, ips: { "1.2.3.4": 6 }, model, predictor });
      expect(Object.keys(scored?.features ?? {})).toEqual(OLD);
      expect(scored?.score).toBeCloseTo(
        predictor.probability(featuresFor(snapshot, "1.2.3.4").slice(0, 16)),
        12,
      );
    } finally {
      predictor.close();
    }
  });
});
