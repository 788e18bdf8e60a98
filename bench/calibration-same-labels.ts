/**
 * Calibration on held-out rows labelled by the same process and class balance as training (#17's
 * "calibration within 0.05"; core eval sameLabelCalibration): per generated world and seed, for
 * each of its last `pooled` days D a model trained as of D on the label days before it, then D's
 * own labelled rows scored and pooled; the 10-bin calibration error and Brier score per world.
 * Reduced SVM search (one grid point, 3 folds), as the tests use.
 * Run: node --import tsx bench/calibration-same-labels.ts [seeds=1,2,3] [scale=0.3] [days=16] [pooled=3]
 */
import { loadAsnTable } from "../packages/core/src/asn/index.ts";
import {
  calibrationError,
  ENTERPRISE_EDGE,
  generateWorld,
  HONEYPOT_SSH,
  loadReferenceLists,
  reliabilityBins,
  sameLabelCalibration,
  scaleProfile,
} from "../packages/core/src/eval/index.ts";

const seeds = (process.argv[2] ?? "1,2,3").split(",").map(Number);
const scale = Number(process.argv[3] ?? 0.3);
const days = Number(process.argv[4] ?? 16);
const pooled = Number(process.argv[5] ?? 3);
const asn = await loadAsnTable();
const lists = loadReferenceLists();
// Per seed, both profiles' rows pooled: the "generated set" of packages/core/test/eval/calibration.test.ts.
const perSeed = new Map<number, { y: 0 | 1; p: number }[]>();
for (const profile of [HONEYPOT_SSH, ENTERPRISE_EDGE])
  for (const seed of seeds) {
    const started = Date.now();
    const world = generateWorld({ profile: { ...scaleProfile(profile, scale), days }, seed, asn, lists });
    const r = await sameLabelCalibration({
      world,
      asn,
      pooledDays: pooled,
      train: { c: 8, gamma: 0.5, folds: 3 },
    });
    console.log(
      `${profile.name} seed ${seed}: ${r.rows} rows (${r.malicious} malicious), calibration error ` +
        `${r.calibrationError.toFixed(3)}, Brier ${r.brier.toFixed(3)} ` +
        `(${((Date.now() - started) / 1000).toFixed(0)} s)`,
    );
    perSeed.set(seed, [...(perSeed.get(seed) ?? []), ...r.scores]);
  }
for (const [seed, scores] of perSeed)
  console.log(
    `both profiles, seed ${seed}: ${scores.length} rows, calibration error ` +
      `${calibrationError(reliabilityBins(scores)).toFixed(3)}`,
  );
