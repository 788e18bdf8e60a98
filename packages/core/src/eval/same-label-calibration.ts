import type { TAsnTable } from "../asn/asn-table.ts";
import { addDays } from "../day/day-number.ts";
import { buildDataset } from "../labels/build-dataset.ts";
import { loadShippedScanners } from "../labels/shipped-lists.ts";
import { trainFromDataset } from "../pipeline/train-from-rollups.ts";
import { DEFAULT_DECAY } from "../rank/decay.ts";
import { loadPredictor } from "../train/load-predictor.ts";
import type { TTrainOptions } from "../train/types.ts";
import { brierScore, calibrationError, reliabilityBins } from "./eval-metrics.ts";
import type { TWorld } from "./world-types.ts";

/**
 * Calibration on held-out rows labelled by the same process and class balance as training (#17's
 * "calibration within 0.05"): for each of the world's last `pooledDays` days D, a model trained as
 * of D on the label days before it, then D's own labelled rows (buildDataset with label day D:
 * the same rules, one benign row per malicious one, features from before D) scored and pooled.
 * The day-forward backtest's test rows are not this: their base rate is not training's, so their
 * calibration error says how far the base rate moved (docs/benchmarks.md, detection quality).
 */
export async function sameLabelCalibration(opts: {
  world: TWorld;
  asn: TAsnTable;
  pooledDays: number;
  train?: TTrainOptions;
}) {
  const { world, asn } = opts;
  const common = {
    scanners: loadShippedScanners(),
    asn,
    seed: 1,
    rank: { decay: DEFAULT_DECAY },
    ...(world.benignCidrs ? { benignCidrs: world.benignCidrs } : {}),
  };
  const scores: { y: 0 | 1; p: number }[] = [];
  let days = 0;
  for (const day of world.days.slice(-opts.pooledDays)) {
    const before = world.rollups.filter((r) => r.day < day);
    const train = buildDataset({ ...common, rollups: before, asOf: day, labelDays: 7, maxRows: 10_000 });
    const { model } = await trainFromDataset(train, {
      asOf: day,
      seed: 1,
      ...(opts.train ? { train: opts.train } : {}),
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
    try {
      for (const r of test.rows) scores.push({ y: r.y, p: predictor.probability(r.x) });
    } finally {
      predictor.close();
    }
    days++;
  }
  const bins = reliabilityBins(scores);
  return {
    days,
    rows: scores.length,
    malicious: scores.filter((s) => s.y === 1).length,
    calibrationError: calibrationError(bins),
    brier: brierScore(scores),
    bins,
    /** The scored rows, for pooling several worlds into one set. */
    scores,
  };
}
