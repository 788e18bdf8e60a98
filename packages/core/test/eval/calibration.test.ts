import { describe, expect, it } from "vitest";
import { calibrationError, reliabilityBins } from "../../src/eval/eval-metrics.ts";
import { generateWorld } from "../../src/eval/generate-world.ts";
import { sameLabelCalibration } from "../../src/eval/same-label-calibration.ts";
import { ENTERPRISE_EDGE, HONEYPOT_SSH } from "../../src/eval/world-profile.ts";
import { realInternet, smallWorld } from "./world-fixture.ts";

// #17: "calibration within 0.05 on a generated set". The set: two generated worlds, one of each
// profile; in each, a model trained as of day D scores D's rows labelled as training labels them,
// for 8 days D (sameLabelCalibration), about 2,000 rows in all. bench/calibration-same-labels.ts
// measured, on 8 pooled days, 0.014-0.063 per world over 24 worlds (both profiles, seeds 1-12), one
// above 0.05 (honeypot-ssh seed 10, 735 rows), and 0.016-0.041 on each seed's two worlds pooled
// (docs/benchmarks.md). The seeds here were set before their result was known.
describe("a trained model's probabilities", () => {
  it("are calibrated within 0.05 on a generated set of two worlds", async () => {
    const { asn, lists } = await realInternet();
    const pooled: { y: 0 | 1; p: number }[] = [];
    for (const [profile, seed] of [
      [HONEYPOT_SSH, 11],
      [ENTERPRISE_EDGE, 12],
    ] as const) {
      const world = generateWorld({ profile: smallWorld(profile, 16, 0.3), seed, asn, lists });
      const r = await sameLabelCalibration({
        world,
        asn,
        pooledDays: 8,
        // One grid point and three folds, as the other eval tests: calibration is Platt's job.
        train: { c: 8, gamma: 0.5, folds: 3 },
      });
      console.log(
        `calibration ${profile.name} seed ${seed}: ${r.rows} rows (${r.malicious} malicious) over ` +
          `${r.days} days, error ${r.calibrationError.toFixed(3)}, Brier ${r.brier.toFixed(3)}`,
      );
      expect(r.days).toBe(8);
      expect(r.malicious).toBeGreaterThan(100);
      expect(r.rows - r.malicious).toBeGreaterThan(100);
      pooled.push(...r.scores);
    }
    const error = calibrationError(reliabilityBins(pooled));
    console.log(`calibration of the set: ${pooled.length} rows, error ${error.toFixed(3)}`);
    expect(error).toBeLessThanOrEqual(0.05);
    // About 25 s on its own; beside the integration and e2e suites on two CPUs it passed 60 s.
  }, 180_000);
});
