/**
 * Calibration on held-out rows labelled by the same process and class balance as training (#17's
 * "calibration within 0.05", the formulation docs/benchmarks.md's detection-quality reading asks
 * for): per generated world and seed, for each of its last 3 days D a model trained as of D on the
 * label days before it, then D's own labelled rows (buildDataset with label day D: same rules, one
 * benign row per malicious one, features from before D) scored and pooled; the 10-bin calibration
 * error and Brier score per world. Reduced SVM search (one grid point, 3 folds), as the tests use.
 * Run: node --import tsx bench/calibration-same-labels.ts [seeds=1,2,3] [scale=0.3] [days=16]
 */
import { loadAsnTable } from "../packages/core/src/asn/index.ts";
import { addDays } from "../packages/core/src/day/index.ts";
import {
  brierScore,
  calibrationError,
  ENTERPRISE_EDGE,
  generateWorld,
  HONEYPOT_SSH,
  loadReferenceLists,
  reliabilityBins,
  scaleProfile,
} from "../packages/core/src/eval/index.ts";
import { buildDataset, loadShippedScanners } from "../packages/core/src/labels/index.ts";
import { trainFromDataset } from "../packages/core/src/pipeline/index.ts";
import { DEFAULT_DECAY } from "../packages/core/src/rank/index.ts";
import { loadPredictor } from "../packages/core/src/train/index.ts";

const seeds = (process.argv[2] ?? "1,2,3").split(",").map(Number);
const scale = Number(process.argv[3] ?? 0.3);
const days = Number(process.argv[4] ?? 16);
const asn = await loadAsnTable();
const lists = loadReferenceLists();
for (const profile of [HONEYPOT_SSH, ENTERPRISE_EDGE])
  for (const seed of seeds) {
    const started = Date.now();
    const world = generateWorld({ profile: { ...scaleProfile(profile, scale), days }, seed, asn, lists });
    const common = {
      scanners: loadShippedScanners(),
      asn,
      seed: 1,
      rank: { decay: DEFAULT_DECAY },
      ...(world.benignCidrs ? { benignCidrs: world.benignCidrs } : {}),
    };
    const scores: { y: 0 | 1; p: number }[] = [];
    for (const day of world.days.slice(-3)) {
      const before = world.rollups.filter((r) => r.day < day);
      const train = buildDataset({ ...common, rollups: before, asOf: day, labelDays: 7, maxRows: 10_000 });
      const { model } = await trainFromDataset(train, {
        asOf: day,
        seed: 1,
        train: { c: 8, gamma: 0.5, folds: 3 },
      });
      if (!model) continue;
      const test = buildDataset({
        ...common,
        seed: 2,
        rollups: world.rollups.filter((r) => r.day <= day),
        asOf: addDays(day, 1),
        labelDays: [day],
      });
      const predictor = await loadPredictor(model);
      for (const r of test.rows) scores.push({ y: r.y, p: predictor.probability(r.x) });
      predictor.close();
    }
    const malicious = scores.filter((s) => s.y === 1).length;
    console.log(
      `${profile.name} seed ${seed}: ${scores.length} rows (${malicious} malicious), calibration error ` +
        `${calibrationError(reliabilityBins(scores)).toFixed(3)}, Brier ${brierScore(scores).toFixed(3)} ` +
        `(${((Date.now() - started) / 1000).toFixed(0)} s)`,
    );
  }
